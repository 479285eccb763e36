/** Turning what a person types ("192.168.1.5", "chat.lan:4747", "http://…") into a server URL. */
import { ChatApiError } from '../api/calls.js';

/** Port the desktop app hosts on by default, and the one assumed when none is typed. */
export const DEFAULT_PORT = 4747;

/** Normalizes an address to `http(s)://host[:port]` (no path); throws a readable error when it is not one. */
export function normalizeServerUrl(address: string): string {
  const raw = address.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ChatApiError('invalid', `"${raw}" is not a server address (try 192.168.1.20:4747).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ChatApiError(
      'invalid',
      `Only http:// and https:// servers are supported, not ${url.protocol}`,
    );
  if (url.username || url.password)
    throw new ChatApiError('invalid', 'A server address cannot carry a user name or password.');
  if (!url.hostname) throw new ChatApiError('invalid', `"${raw}" has no host name.`);
  const hasPort = /^[a-z]+:\/\/(\[[^\]]+\]|[^/:?#]+):\d+/i.test(withScheme);
  if (!hasPort && url.protocol === 'http:' && !/^https?:\/\//i.test(raw))
    url.port = String(DEFAULT_PORT);
  return url.origin;
}

/** The WebSocket endpoint of a server URL. */
export function socketUrl(serverUrl: string): string {
  const url = new URL('/ws', serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * URL of a shared file with the short-lived file-access credential, so an <img> or a link can
 * load it; never the session token.
 */
export function fileUrl(
  server: { url: string; fileAccess?: { access: string } },
  fileId: string,
): string {
  const url = new URL(`/api/files/${encodeURIComponent(fileId)}`, server.url);
  if (server.fileAccess) url.searchParams.set('access', server.fileAccess.access);
  return url.href;
}

/** URL of a profile picture (GET /api/avatars/:id), with the file-access credential. */
export function avatarUrl(
  server: { url: string; fileAccess?: { access: string } },
  imageId: string,
): string {
  const url = new URL(`/api/avatars/${encodeURIComponent(imageId)}`, server.url);
  if (server.fileAccess) url.searchParams.set('access', server.fileAccess.access);
  return url.href;
}

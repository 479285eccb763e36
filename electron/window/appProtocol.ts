/**
 * The app's own page is served on parley://app/… from dist/renderer rather than file:// (which
 * has an opaque origin, cannot load ES modules and would let any dropped file navigate in) or a
 * localhost port (which any local program could reach). Every response carries the strict CSP.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_CSP, APP_SCHEME, isAppUrl } from './security.js';

/** Registration of the app scheme; must reach protocol.registerSchemesAsPrivileged before ready. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    // standard: relative URLs, a real origin and web storage; secure: a secure context like https.
    standard: true,
    secure: true,
    supportFetchAPI: true,
    // Vite marks module scripts crossorigin; module loading over custom schemes needs this.
    corsEnabled: true,
    codeCache: true,
  },
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content-Type by file extension (octet-stream, which the page will not run, when unknown). */
export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const isFileSync = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * Maps a URL path to a file under root. Returns null (refused) for traversal in any spelling
 * (`..`, `%2e%2e`, encoded or back slashes, NUL, dot-files) and bad percent-encoding; paths
 * that name no file get index.html, so client-side routes load the app.
 */
export function resolveAppPath(
  root: string,
  urlPath: string,
  isFile: (path: string) => boolean = isFileSync,
): string | null {
  // Encoded separators would survive URL normalisation and only become separators here.
  if (/%(2f|5c|00)/i.test(urlPath) || urlPath.includes('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.') || s.includes(':'))) return null;
  const index = join(root, 'index.html');
  if (segments.length === 0) return index;
  const candidate = join(root, ...segments);
  const rel = relative(root, candidate);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return isFile(candidate) ? candidate : index;
}

function respond(status: number, body: BodyInit | null, type: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': APP_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

/** The protocol.handle handler for parley://app/ (plain Request → Response, testable in Node). */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return respond(404, 'Not found.', 'text/plain; charset=utf-8');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return respond(405, 'Method not allowed.', 'text/plain; charset=utf-8');
    const path = resolveAppPath(root, new URL(request.url).pathname);
    if (!path) return respond(404, 'Not found.', 'text/plain; charset=utf-8');
    try {
      const body = await readFile(path);
      return respond(200, request.method === 'HEAD' ? null : body, contentTypeOf(path));
    } catch {
      return respond(404, 'Not found.', 'text/plain; charset=utf-8');
    }
  };
}

/** The part of Electron's protocol module used at runtime. */
export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/** Serves dist/renderer on parley://app/ (call after app ready). */
export function serveApp(protocol: ProtocolLike, root: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root));
}

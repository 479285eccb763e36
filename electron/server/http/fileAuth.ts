import type { IncomingMessage } from 'node:http';
import { ParleyError } from '../../../shared/protocol/index.js';
import type { Directory } from '../chat/directory.js';
import type { FileAccessKeys } from '../chat/fileAccess.js';
import type { StoredUser } from '../store/records.js';

/** What the file routes authenticate with. */
export interface FileAuthDeps {
  directory: Directory;
  access: FileAccessKeys;
}

/** The session token from `Authorization: Bearer …`. */
export function bearerOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
}

/** The user behind a request that changes something: the session token in the header only. */
export function requireBearer(d: FileAuthDeps, req: IncomingMessage): StoredUser {
  const token = bearerOf(req);
  const user = token ? d.directory.byTokenValue(token) : undefined;
  if (!user)
    throw new ParleyError(
      'unauthorized',
      'A valid session token is required (Authorization: Bearer …).',
    );
  return user;
}

/**
 * The user behind a file read: the session token in the header (the desktop engine), or a
 * short-lived `?access=` credential (links and <img> in a page). The session token is never
 * taken from the URL, where it would end up in histories and logs.
 */
export function requireReader(d: FileAuthDeps, req: IncomingMessage, url: URL): StoredUser {
  if (bearerOf(req)) return requireBearer(d, req);
  const access = url.searchParams.get('access');
  const userId = access ? d.access.verify(access) : undefined;
  const user = userId ? d.directory.get(userId) : undefined;
  // A banned user's credential dies with the ban, not when it expires.
  if (!user || user.bannedAt !== undefined)
    throw new ParleyError(
      'unauthorized',
      'A valid file-access credential (?access=, from welcome or files:access) or session token (Authorization: Bearer …) is required.',
    );
  return user;
}

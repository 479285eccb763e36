import type { IncomingMessage, ServerResponse } from 'node:http';
import { FileId, LIMITS, ParleyError } from '../../../shared/protocol/index.js';
import type { Profiles } from '../chat/profiles.js';
import { requireBearer, requireReader, type FileAuthDeps } from './fileAuth.js';
import { sendError, sendFailure, sendJson } from './respond.js';

/** What the picture routes need. */
export interface AvatarDeps extends FileAuthDeps {
  profiles: Profiles;
  uploadIdleMs: number;
}

/** Reads a small body, refusing it once it passes `max` bytes. */
async function readBounded(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max)
      throw new ParleyError('too_large', `A profile picture may be at most ${max} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** POST /api/avatar — sets the caller's profile picture (PNG, JPEG or WebP bytes). */
export async function handleAvatarUpload(
  d: AvatarDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const user = requireBearer(d, req);
    const max = LIMITS.avatarBytesMax;
    if (Number(req.headers['content-length'] ?? 0) > max)
      throw new ParleyError('too_large', `A profile picture may be at most ${max} bytes.`);
    req.setTimeout(d.uploadIdleMs, () => req.destroy(new Error('upload stalled')));
    const bytes = await readBounded(req, max);
    sendJson(res, 200, { user: await d.profiles.setImage(user.id, bytes) });
  } catch (err) {
    res.setHeader('Connection', 'close');
    sendFailure(res, err);
  }
}

/** GET/HEAD /api/avatars/:id — a current profile picture, to anyone signed in to the server. */
export async function handleAvatarDownload(
  d: AvatarDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  id: string,
): Promise<void> {
  try {
    requireReader(d, req, url);
    if (!FileId.safeParse(id).success || !d.profiles.isCurrent(id))
      throw new ParleyError('not_found', 'No such picture.');
    const etag = `"${id}"`;
    const cache = 'private, max-age=31536000, immutable';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag, 'Cache-Control': cache });
      res.end();
      return;
    }
    const { bytes, type } = await d.profiles.read(id);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': bytes.length,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': cache,
      ETag: etag,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      sendError(res, 'not_found', 'The picture is gone from the server.');
    else sendFailure(res, err);
  }
}

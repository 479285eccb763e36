import { createReadStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FILE_NAME_HEADER, FileId, ParleyError } from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';
import { newId } from '../chat/ids.js';
import type { Rooms } from '../chat/rooms.js';
import type { FileStore } from '../chat/fileStore.js';
import { syncDir } from '../store/atomicJsonFile.js';
import { syncingWriteStream } from '../store/syncingWriter.js';
import type { StoredFile } from '../store/records.js';
import type { Store } from '../store/store.js';
import { parseRange } from './range.js';
import { cleanFileName, cleanMimeType, contentDisposition, INLINE_TYPES } from './fileNames.js';
import { requireBearer, requireReader, type FileAuthDeps } from './fileAuth.js';
import { sendError, sendFailure, sendJson } from './respond.js';

/** What the file routes need. */
export interface FileDeps extends FileAuthDeps {
  store: Store;
  files: FileStore;
  rooms: Rooms;
  maxUploadBytes: number;
  uploadIdleMs: number;
  /** An upload slower than `bytesPerSecond` over a whole `windowMs` is ended. */
  uploadMinRate: { bytesPerSecond: number; windowMs: number };
  /** Uploads one user may have open at once. */
  maxOpenUploadsPerUser: number;
  /** Open uploads per user id (shared by every request). */
  openUploads: Map<string, number>;
  log: Logger;
}

/** Counts bytes through the pipe and fails once they pass the limit. */
function limitBytes(max: number, onCount: (n: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      onCount(total);
      if (total > max) done(new ParleyError('too_large', `Files may be at most ${max} bytes.`));
      else done(null, chunk);
    },
  });
}

/**
 * Ends an upload that stays under a minimum rate for a whole window: a client trickling a byte
 * every few seconds would otherwise hold a socket and a .part file for as long as it likes.
 */
function enforceMinRate(
  d: FileDeps,
  req: IncomingMessage,
  who: string,
): { count: (n: number) => void; stop: () => void } {
  const { bytesPerSecond, windowMs } = d.uploadMinRate;
  const need = (bytesPerSecond * windowMs) / 1000;
  let received = 0;
  const timer = setInterval(() => {
    if (received >= need) {
      received = 0;
      return;
    }
    d.log.warn(
      `ending an upload by ${who}: ${received} bytes in the last ${windowMs / 1000} s, ` +
        `under the minimum of ${bytesPerSecond} bytes/s`,
    );
    req.destroy(new Error('upload too slow'));
  }, windowMs);
  timer.unref();
  return { count: (n) => (received += n), stop: () => clearInterval(timer) };
}

/** POST /api/rooms/:roomId/files — streams the body to disk, never holding it in memory. */
export async function handleUpload(
  d: FileDeps,
  req: IncomingMessage,
  res: ServerResponse,
  _url: URL,
  roomId: string,
): Promise<void> {
  let tmp: string | undefined;
  let done: (() => void) | undefined;
  try {
    const user = requireBearer(d, req);
    const room = d.rooms.requireMember(user.id, roomId);
    d.store.disk.check();
    const open = d.openUploads.get(user.id) ?? 0;
    if (open >= d.maxOpenUploadsPerUser) {
      throw new ParleyError(
        'rate_limited',
        `At most ${d.maxOpenUploadsPerUser} uploads at once per user; wait for one to finish.`,
      );
    }
    d.openUploads.set(user.id, open + 1);
    const rate = enforceMinRate(d, req, user.id);
    done = () => {
      rate.stop();
      const left = (d.openUploads.get(user.id) ?? 1) - 1;
      if (left > 0) d.openUploads.set(user.id, left);
      else d.openUploads.delete(user.id);
    };
    const rawName = req.headers[FILE_NAME_HEADER];
    if (typeof rawName !== 'string' || rawName === '') {
      throw new ParleyError(
        'invalid',
        `The ${FILE_NAME_HEADER} header (the percent-encoded file name) is required.`,
      );
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawName);
    } catch {
      throw new ParleyError(
        'invalid',
        `The ${FILE_NAME_HEADER} header is not valid percent-encoding.`,
      );
    }
    // A stalled upload must not hold a socket and a partial file forever.
    req.setTimeout(d.uploadIdleMs, () => req.destroy(new Error('upload stalled')));
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > d.maxUploadBytes) {
      throw new ParleyError(
        'too_large',
        `Files may be at most ${d.maxUploadBytes} bytes; this one is ${declared}.`,
      );
    }
    const id = newId('f', 18);
    tmp = join(d.store.filesDir, `${id}.part`);
    let size = 0;
    // Synced while it streams and once more at the end: announced only once on disk.
    await pipeline(
      req,
      limitBytes(d.maxUploadBytes, (n) => {
        rate.count(n - size);
        size = n;
      }),
      syncingWriteStream(tmp),
    );
    await rename(tmp, d.files.pathOf(id));
    // Without this, a power cut could leave the bytes under the .part name, which start-up removes.
    await syncDir(d.store.filesDir);
    tmp = undefined;
    const record: StoredFile = {
      id,
      roomId: room.id,
      uploaderId: user.id,
      name: cleanFileName(decoded),
      size,
      type: cleanMimeType(req.headers['content-type']),
      createdAt: Date.now(),
    };
    await d.files.add(record);
    done();
    done = undefined;
    sendJson(res, 201, { file: { id, name: record.name, size, type: record.type } });
  } catch (caught) {
    done?.();
    if (tmp) await unlink(tmp).catch(() => undefined);
    // A full disk turns the host read-only and is said as such, not as a bare "internal".
    const err = d.store.disk.failure(caught);
    if (!(err instanceof ParleyError)) d.log.warn('upload failed', err);
    // Refuse the rest of the body without reading it.
    res.setHeader('Connection', 'close');
    sendFailure(
      res,
      err instanceof ParleyError || req.destroyed
        ? err
        : new ParleyError('internal', 'Upload failed.'),
    );
  }
}

/** GET/HEAD /api/files/:fileId — streams with Range support to anyone who can read the room. */
export async function handleDownload(
  d: FileDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  fileId: string,
): Promise<void> {
  try {
    if (!FileId.safeParse(fileId).success) throw new ParleyError('not_found', 'No such file.');
    const user = requireReader(d, req, url);
    const record = d.files.get(fileId);
    if (!record) throw new ParleyError('not_found', 'No such file.');
    const room = d.rooms.require(record.roomId);
    if (!d.rooms.canRead(user.id, room))
      throw new ParleyError('forbidden', 'You cannot read the room this file was shared in.');
    const path = d.files.pathOf(record.id);
    // A reader that stops reading must not hold the file and the socket forever.
    req.setTimeout(d.uploadIdleMs, () => req.destroy(new Error('download stalled')));
    const { size } = await stat(path);
    const inline = INLINE_TYPES.has(record.type);
    const headers: Record<string, string | number> = {
      'Content-Type': inline ? record.type : 'application/octet-stream',
      'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', record.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${record.id}"`,
    };
    const range = parseRange(req.headers.range, size);
    if (req.headers['if-none-match'] === headers.ETag && !req.headers.range) {
      res.writeHead(304, { ETag: headers.ETag, 'Cache-Control': headers['Cache-Control']! });
      res.end();
      return;
    }
    if (range === 'unsatisfiable') {
      res.writeHead(416, {
        'Content-Range': `bytes */${size}`,
        'Content-Length': 0,
        'X-Content-Type-Options': 'nosniff',
      });
      res.end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    headers['Content-Length'] = size === 0 ? 0 : end - start + 1;
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    await pipeline(createReadStream(path, { start, end }), res);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      sendError(res, 'not_found', 'The file is gone from the server.');
    else if ((err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    else sendFailure(res, err);
  }
}

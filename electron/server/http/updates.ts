/**
 * `GET`/`HEAD /api/updates/{file}`: the desktop app's update files a host holds (`--updates DIR`,
 * the output of `npm run dist`), so Parley apps on the LAN update from their host with no
 * internet. This is electron-updater's "generic" feed: `latest*.yml` lists the file and its
 * sha512, which the app checks after downloading. Only plain files directly in DIR are served.
 */
import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseRange } from './range.js';
import { sendError } from './respond.js';

/** Names an update file may have: electron-builder's artifact and metadata names. */
const UPDATE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ +-]{0,199}$/;

/** The file name in a request path segment, or undefined when it is not one we serve. */
export function updateFileName(segment: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  if (!UPDATE_FILE_NAME.test(name) || name.includes('..')) return undefined;
  return name;
}

const typeOf = (name: string): string =>
  ['.yml', '.yaml'].includes(extname(name).toLowerCase())
    ? 'text/yaml; charset=utf-8'
    : 'application/octet-stream';

/** Serves one update file from `dir` (null: this server holds no updates). */
export async function serveUpdateFile(
  dir: string | null,
  req: IncomingMessage,
  res: ServerResponse,
  segment: string,
): Promise<void> {
  if (dir === null) return sendError(res, 'not_found', 'This server holds no app updates.');
  const name = updateFileName(segment);
  if (name === undefined) return sendError(res, 'not_found', 'No such update file.');
  const file = join(dir, name);
  // lstat: a symlink in the folder could point anywhere on the machine; only real files count.
  const info = await lstat(file).catch(() => undefined);
  if (!info?.isFile()) return sendError(res, 'not_found', `No update file "${name}".`);
  const range = parseRange(req.headers.range, info.size);
  const headers = {
    'Content-Type': typeOf(name),
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'bytes',
    // The feed changes when the host gets a new release; the app must always see the current one.
    'Cache-Control': 'no-cache',
  };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${info.size}` });
    return void res.end();
  }
  if (range) {
    res.writeHead(206, {
      ...headers,
      'Content-Length': range.end - range.start + 1,
      'Content-Range': `bytes ${range.start}-${range.end}/${info.size}`,
    });
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': info.size });
  }
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(file, range ? { start: range.start, end: range.end } : {});
  await pipeline(stream, res).catch(() => undefined);
}

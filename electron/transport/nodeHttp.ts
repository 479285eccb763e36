/**
 * The engine's HTTP transport in Electron main: node:http(s), streamed both ways so a 2 GiB file
 * never sits in memory, with progress, cancel, and the server's error code and message on
 * failure. Downloads land in the downloads folder under a sanitized, unique name.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { HttpTransport } from '../../shared/client/deps.js';
import { IdentityChangedError, pinnedConnection, presentedFingerprint } from './pinnedTls.js';
import {
  AvatarResponse,
  FILE_NAME_HEADER,
  HealthResponse,
  IDENTITY_CHANGED,
  IDENTITY_CHANGED_MESSAGE,
  UploadResponse,
  type FileInfo,
} from '../../shared/protocol/index.js';
import { claimDownloadName, safeDownloadName } from '../downloads/downloadName.js';
import type { OriginMarker } from '../downloads/originMark.js';
import { announcedSize, DownloadTooLargeError, sizeLimit } from '../downloads/sizeLimit.js';
import {
  failureOf,
  HttpFailureError,
  networkError,
  readText,
  TransferAbortedError,
} from './httpFailure.js';
import type { IpcUploadSource } from '../ipc/channels.js';

/** Idle time after which a silent connection is given up. */
const IDLE_MS = 60_000;
const CHUNK = 64 * 1024;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function open(
  url: string,
  options: { method: string; headers: Record<string, string | number> },
  fingerprint: string | undefined,
): ClientRequest {
  const u = new URL(url);
  if (u.protocol === 'http:') return httpRequest(u, options);
  if (u.protocol === 'https:')
    return httpsRequest(
      u,
      fingerprint
        ? // Not one byte (a token) is sent before the certificate matched the pin.
          { ...options, createConnection: pinnedConnection(fingerprint) as unknown as () => Socket }
        : options,
    );
  throw new HttpFailureError(0, 'invalid', `Not an http(s) address: ${u.protocol}`);
}

/**
 * Counts bytes flowing through. With `exact`, fails when more or fewer bytes pass than
 * announced: the file changed after its size was sent as Content-Length.
 */
function counter(onCount: (total: number) => void, exact?: number): Transform {
  let total = 0;
  const changed = (): Error => new Error('The file changed while it was being sent.');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (exact !== undefined && total > exact) return done(changed());
      onCount(total);
      done(null, chunk);
    },
    flush(done) {
      done(exact !== undefined && total !== exact ? changed() : null);
    },
  });
}

type RequestOptions = { method: string; headers: Record<string, string | number> };

/**
 * Runs one request: resolves with the response, rejects on network failure, idle timeout or
 * abort. `body` streams (when given) are piped into the request with backpressure; an error of
 * theirs (an unreadable file) is reported as such, not as a network failure.
 */
function exchange(
  url: string,
  options: RequestOptions,
  signal: AbortSignal | undefined,
  what: string,
  body: Readable[] = [],
  fingerprint?: string,
): Promise<{ res: IncomingMessage; req: ClientRequest }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TransferAbortedError(what));
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    let req: ClientRequest;
    try {
      req = open(url, options, fingerprint);
    } catch (err) {
      return reject(err as Error);
    }
    const onAbort = (): void => {
      settle(() => reject(new TransferAbortedError(what)));
      req.destroy();
      for (const s of body) s.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.setTimeout(IDLE_MS, () => req.destroy(new Error('the connection went silent')));
    req.on('response', (res) => settle(() => resolve({ res, req })));
    req.on('error', (err) =>
      settle(() =>
        reject(
          signal?.aborted
            ? new TransferAbortedError(what)
            : err instanceof IdentityChangedError
              ? new HttpFailureError(0, IDENTITY_CHANGED, IDENTITY_CHANGED_MESSAGE)
              : networkError(url, err),
        ),
      ),
    );
    for (const s of body)
      s.on('error', (err) =>
        settle(() => reject(new HttpFailureError(0, 'invalid', `${what} failed: ${err.message}`))),
      );
    if (body.length === 0) {
      req.end();
      return;
    }
    // Once the server has answered (say 413 before reading everything), its answer wins.
    pipeline([...body, req]).catch((err: unknown) => {
      if (!settled) req.destroy(err as Error);
    });
  });
}

/** Options of the Node transport. */
export interface NodeHttpOptions {
  /** Folder downloads are saved to (created when missing). */
  /** Read at each download, so a changed setting applies to the next one. */
  downloadsDir: string | (() => string);
  /** Told where each finished download was saved (for "show in folder"; tests read it). */
  onSaved?(file: FileInfo, path: string): void;
  /** Marks each download as coming from elsewhere (Mark of the Web, quarantine) before it lands. */
  markOrigin?: OriginMarker;
}

/** Builds the HttpTransport for Electron main (and Node tests). */
export function createNodeHttp(opts: NodeHttpOptions): HttpTransport {
  return {
    identify: (baseUrl) => presentedFingerprint(baseUrl),

    async health(baseUrl, signal, pin) {
      const url = `${baseUrl.replace(/\/+$/, '')}/api/health`;
      const timeout = AbortSignal.timeout(10_000);
      const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const headers = { Accept: 'application/json' };
      const { res } = await exchange(
        url,
        { method: 'GET', headers },
        both,
        'Health check',
        [],
        pin?.fingerprint,
      );
      if ((res.statusCode ?? 0) >= 300) throw await failureOf(res);
      const parsed = HealthResponse.safeParse(parseJson(await readText(res)));
      if (!parsed.success)
        throw new HttpFailureError(200, 'invalid', `${baseUrl} is not a Parley server.`);
      return parsed.data;
    },

    async upload({ url, token, file, onProgress, signal, fingerprint }) {
      const src = file as Partial<IpcUploadSource> & typeof file;
      let source: Readable;
      let size: number;
      if ('path' in src && typeof src.path === 'string') {
        source = createReadStream(src.path);
        size = file.size;
      } else if ('bytes' in src && src.bytes instanceof Uint8Array) {
        const bytes = src.bytes;
        size = bytes.byteLength;
        // In chunks, so progress moves and backpressure applies to pasted files too.
        source = Readable.from(
          (function* () {
            for (let i = 0; i < bytes.byteLength; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
          })(),
        );
      } else {
        throw new HttpFailureError(0, 'invalid', `Nothing to upload for "${file.name}".`);
      }
      const headers = {
        Authorization: `Bearer ${token}`,
        [FILE_NAME_HEADER]: encodeURIComponent(file.name),
        'Content-Type': file.type || 'application/octet-stream',
        'Content-Length': size,
      };
      const { res, req } = await exchange(
        url,
        { method: 'POST', headers },
        signal,
        'Upload',
        [source, counter(onProgress, size)],
        fingerprint,
      );
      if ((res.statusCode ?? 0) >= 300) {
        const failure = await failureOf(res);
        // Stop sending the rest of a refused file.
        req.destroy();
        source.destroy();
        throw failure;
      }
      const parsed = UploadResponse.safeParse(parseJson(await readText(res)));
      if (!parsed.success)
        throw new HttpFailureError(200, 'invalid', 'The server sent an unexpected upload answer.');
      return parsed.data;
    },

    async postAvatar({ url, token, bytes, type, fingerprint }) {
      const headers = {
        Authorization: `Bearer ${token}`,
        'Content-Type': type,
        'Content-Length': bytes.byteLength,
      };
      const timeout = AbortSignal.timeout(60_000);
      const { res } = await exchange(
        url,
        { method: 'POST', headers },
        timeout,
        'Picture upload',
        [Readable.from([bytes])],
        fingerprint,
      );
      if ((res.statusCode ?? 0) >= 300) throw await failureOf(res);
      const parsed = AvatarResponse.safeParse(parseJson(await readText(res)));
      if (!parsed.success)
        throw new HttpFailureError(200, 'invalid', 'The server sent an unexpected answer.');
      return parsed.data.user;
    },

    async download({ url, token, file, onProgress, signal, fingerprint }) {
      const headers = { Authorization: `Bearer ${token}` };
      const downloadsDir =
        typeof opts.downloadsDir === 'function' ? opts.downloadsDir() : opts.downloadsDir;
      await mkdir(downloadsDir, { recursive: true });
      const { res, req } = await exchange(
        url,
        { method: 'GET', headers },
        signal,
        'Download',
        [],
        fingerprint,
      );
      if (res.statusCode !== 200) throw await failureOf(res);
      const name = safeDownloadName(file.name);
      const part = join(downloadsDir, `${name}.${randomBytes(4).toString('hex')}.part`);
      // Never more than announced: a server sending more would otherwise fill the disk.
      const expected = announcedSize(file.size, res.headers['content-length']);
      let loaded = 0;
      try {
        await pipeline(
          res,
          sizeLimit(expected, file.name, (n) => {
            loaded = n;
            onProgress(n);
          }),
          createWriteStream(part, { flags: 'wx' }),
          { signal },
        );
        if (loaded !== expected)
          throw new HttpFailureError(
            200,
            'internal',
            `The download of "${file.name}" ended early.`,
          );
        // Marked while still a .part: the finished name never exists without the mark.
        await opts.markOrigin?.(part, { url, referrer: new URL(url).origin });
        const saved = await claimDownloadName(part, downloadsDir, name);
        opts.onSaved?.(file, saved);
      } catch (err) {
        req.destroy();
        await unlink(part).catch(() => undefined);
        if (signal.aborted) throw new TransferAbortedError('Download');
        if (err instanceof HttpFailureError) throw err;
        if (err instanceof DownloadTooLargeError)
          throw new HttpFailureError(200, 'too_large', err.message);
        throw networkError(url, err);
      }
    },
  };
}

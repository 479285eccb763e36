/**
 * How HTTP failures reach the engine: the server's stable error code and message when it sent
 * them, a status-derived code when it did not, "unreachable" for network trouble, and an
 * AbortError for a canceled transfer.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../../shared/protocol/index.js';

/** An HTTP failure: the server's error code and message, or a network problem (status 0). */
export class HttpFailureError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFailureError';
  }
}

/** Rejection of a canceled transfer (name AbortError, like fetch's). */
export class TransferAbortedError extends Error {
  readonly code = 'aborted';
  constructor(what: string) {
    super(`${what} canceled.`);
    this.name = 'AbortError';
  }
}

const MAX_JSON_BYTES = 1024 * 1024;

/** Reads a (JSON) answer body as text, refusing one larger than 1 MiB. */
export async function readText(res: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES)
      throw new HttpFailureError(
        res.statusCode ?? 0,
        'too_large',
        'The server answer is too large.',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Error codes by HTTP status, for answers whose body could not be read. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'name_taken',
  413: 'too_large',
  415: 'unsupported_data',
  429: 'rate_limited',
  507: 'storage_failed',
};

/** Builds the error of a non-2xx answer from the server's `{ error, message }` body. */
export async function failureOf(res: IncomingMessage): Promise<HttpFailureError> {
  const status = res.statusCode ?? 0;
  let body: unknown;
  try {
    body = JSON.parse(await readText(res));
  } catch {
    // The server may close right after a refusal (413 mid-upload): the status still tells.
    body = undefined;
  }
  const parsed = HttpError.safeParse(body);
  if (parsed.success) return new HttpFailureError(status, parsed.data.error, parsed.data.message);
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid');
  return new HttpFailureError(status, code, `The server answered HTTP ${status}.`);
}

/** A network failure (refused, reset, silent) as an HttpFailureError with status 0. */
export function networkError(url: string, err: unknown): HttpFailureError {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Keep the raw text.
  }
  return new HttpFailureError(0, 'unreachable', `Cannot reach ${host}: ${(err as Error).message}`);
}

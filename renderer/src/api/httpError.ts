/** HTTP failures as the engine expects them: an Error with the server's code and the status. */
import type { HttpFailure } from '../../../shared/client/deps.js';

/** A failed HTTP request (or a network failure, status 0). */
export class HttpRequestError extends Error implements HttpFailure {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpRequestError';
  }
}

/** Builds the error from a non-2xx answer's body (`{error, message}`), tolerating any body. */
export function errorFromBody(status: number, body: string): HttpRequestError {
  try {
    const json = JSON.parse(body) as { error?: unknown; message?: unknown };
    if (typeof json.message === 'string') {
      return new HttpRequestError(
        status,
        typeof json.error === 'string' ? json.error : 'http_error',
        json.message,
      );
    }
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic message.
  }
  return new HttpRequestError(status, 'http_error', `The server answered ${status}.`);
}

/** The error a canceled transfer rejects with. */
export function canceledError(): HttpRequestError {
  const err = new HttpRequestError(0, 'canceled', 'Canceled.');
  err.name = 'AbortError';
  return err;
}

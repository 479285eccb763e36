/**
 * A download may not be larger than the size its server announced (in the message and in
 * Content-Length): a hostile or broken server could otherwise fill the disk. The stream stops
 * at the first byte beyond the limit.
 */
import { Transform } from 'node:stream';

/** Thrown when a download grows past its announced size. */
export class DownloadTooLargeError extends Error {
  /** Typed for the engine's error mapping. */
  readonly code = 'too_large';
  constructor(
    readonly fileName: string,
    readonly limit: number,
  ) {
    super(
      `The download of "${fileName}" was stopped: the server sent more than the ${limit} bytes it announced.`,
    );
  }
}

/** The announced size: the message's, unless Content-Length (when present) promises less. */
export function announcedSize(fileSize: number, contentLength: string | undefined): number {
  const header = contentLength === undefined ? NaN : Number(contentLength);
  return Number.isSafeInteger(header) && header >= 0 ? Math.min(header, fileSize) : fileSize;
}

/** Passes bytes through, counting them; fails with DownloadTooLargeError past `limit`. */
export function sizeLimit(
  limit: number,
  fileName: string,
  onCount: (total: number) => void = () => undefined,
): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > limit) return done(new DownloadTooLargeError(fileName, limit));
      onCount(total);
      done(null, chunk);
    },
  });
}

/**
 * Errors nobody caught in main. Electron's default shows a modal error box and leaves the app in
 * an unknown state; Parley logs the error and keeps running (one failed callback should not cost
 * the user their chat), but when errors keep coming it restarts cleanly instead of limping on.
 */
import type { Logger } from '../../shared/log.js';

/** More uncaught errors than this within WINDOW_MS means main is broken: restart. */
export const MAX_ERRORS_PER_WINDOW = 5;
/** The window over which uncaught errors are counted. */
export const WINDOW_MS = 60_000;

/** The part of `process` used here. */
export interface ProcessLike {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown;
}

/** What the guard needs. */
export interface UncaughtErrorOptions {
  process: ProcessLike;
  log: Logger;
  /** Quits cleanly (flushing the outbox) and starts the app again. */
  restart(): void;
  now?: () => number;
}

/** Installs the handlers; returns a function that removes them. */
export function handleUncaughtErrors(opts: UncaughtErrorOptions): () => void {
  const now = opts.now ?? Date.now;
  let times: number[] = [];
  let restarting = false;
  const onError =
    (kind: string) =>
    (err: unknown): void => {
      opts.log.error(`uncaught ${kind} in main`, err);
      if (restarting) return;
      const t = now();
      times = times.filter((at) => t - at < WINDOW_MS);
      times.push(t);
      if (times.length > MAX_ERRORS_PER_WINDOW) {
        restarting = true;
        opts.log.error(`${times.length} uncaught errors within a minute: restarting`);
        opts.restart();
      }
    };
  const onException = onError('exception');
  const onRejection = onError('promise rejection');
  opts.process.on('uncaughtException', onException);
  opts.process.on('unhandledRejection', onRejection);
  return () => {
    opts.process.off('uncaughtException', onException);
    opts.process.off('unhandledRejection', onRejection);
  };
}

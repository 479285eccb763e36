/**
 * Routes `parley://` links to the app, wherever the operating system delivers them: the first
 * start's command line, a second instance's command line (Windows, Linux), or `open-url`
 * (macOS, which may fire before the app is ready). Links wait until the app can show them; each
 * is parsed as untrusted input and a refused one is logged, never acted on.
 */
import type { Logger } from '../../shared/log.js';
import { linkFromArgv, parseParleyLink, type JoinLink } from './parleyLink.js';

/** At most this many links wait for the app to be ready; a flood beyond it is dropped. */
const MAX_PENDING = 4;

/** What the router needs from the app. */
export interface LinkRouterOptions {
  /** Shows the join confirmation for a valid link (called only once the app is ready). */
  onJoin(link: JoinLink): void;
  /** Tells the user a link could not be used (called only once ready). */
  onRefused?(reason: string): void;
  log: Logger;
}

/** The router: feed it raw links and command lines; mark it ready when the window exists. */
export interface LinkRouter {
  /** A raw link from `open-url` or elsewhere. */
  open(raw: unknown): void;
  /** A command line (first start or second-instance): its `parley:` argument, if any. */
  openFromArgv(argv: readonly string[]): void;
  /** The app can now act on links: pending ones are delivered in order. */
  ready(): void;
}

/** Builds a LinkRouter. */
export function createLinkRouter(opts: LinkRouterOptions): LinkRouter {
  let isReady = false;
  const pending: string[] = [];

  const deliver = (raw: string): void => {
    const result = parseParleyLink(raw);
    if (result.ok) {
      opts.log.info(`join link for ${result.link.url}`);
      opts.onJoin(result.link);
      return;
    }
    opts.log.warn(`refused link: ${result.reason}`);
    opts.onRefused?.(result.reason);
  };

  const open = (raw: unknown): void => {
    if (typeof raw !== 'string') {
      opts.log.warn('refused link: not a string');
      return;
    }
    if (isReady) return deliver(raw);
    if (pending.length >= MAX_PENDING) {
      opts.log.warn('refused link: too many links before the app was ready');
      return;
    }
    pending.push(raw);
  };

  return {
    open,
    openFromArgv(argv) {
      const raw = linkFromArgv(argv);
      if (raw !== undefined) open(raw);
    },
    ready() {
      if (isReady) return;
      isReady = true;
      for (const raw of pending.splice(0)) deliver(raw);
    },
  };
}

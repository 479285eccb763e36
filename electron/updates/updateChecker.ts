/**
 * Desktop updates from the servers the app knows, with no internet: each Parley host may hold
 * update files (`npm run host -- --updates DIR`) at /api/updates/, an electron-updater "generic"
 * feed. The checker asks the joined servers in turn; electron-updater downloads the update and
 * checks its sha512 against the feed; then the user is told "Update ready, restart" and chooses
 * when. Nothing installs on its own, not even at quit.
 */
import type { Logger } from '../../shared/log.js';
import { UPDATES_PATH } from '../../shared/protocol/index.js';

/** The part of electron-updater's AppUpdater used here (a fake in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{
    isUpdateAvailable?: boolean;
    updateInfo: { version: string };
    downloadPromise?: Promise<unknown> | null;
  } | null>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/** First check this long after start; then every CHECK_EVERY_MS. */
export const FIRST_CHECK_MS = 60_000;
/** Time between checks. */
export const CHECK_EVERY_MS = 4 * 60 * 60_000;

/** The update feed of a server, from its base address (http(s) only). */
export function updateFeedUrl(serverUrl: string): string | undefined {
  let u: URL;
  try {
    u = new URL(serverUrl);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return `${u.protocol}//${u.host}${UPDATES_PATH}`;
}

/** What the checker needs. */
export interface UpdateCheckerOptions {
  updater: UpdaterLike;
  /** Base addresses of the servers to ask, in order (joined servers first). */
  servers(): string[];
  /** An update was downloaded and verified: tell the user (they choose when to restart). */
  onReady(version: string, from: string): void;
  log: Logger;
  /** Timers (tests give fake ones). */
  setTimeout?: (fn: () => void, ms: number) => { unref?(): unknown };
  setInterval?: (fn: () => void, ms: number) => { unref?(): unknown };
}

/** The running checker. */
export interface UpdateChecker {
  /** Checks every server once now; resolves with the feed that had an update, if any. */
  checkNow(): Promise<string | undefined>;
  /** Restarts into the downloaded update (only after onReady). */
  restartToUpdate(): void;
  stop(): void;
}

/** Starts checking (first after FIRST_CHECK_MS, then every CHECK_EVERY_MS). */
export function startUpdateChecker(opts: UpdateCheckerOptions): UpdateChecker {
  const { updater, log } = opts;
  updater.autoDownload = true;
  // The user chooses when: an update never installs behind their back at quit.
  updater.autoInstallOnAppQuit = false;
  let busy = false;
  let ready: string | undefined;
  let stopped = false;
  let source = '';
  updater.on('update-downloaded', (info) => {
    ready = info.version;
    log.info(`update ${info.version} from ${source} downloaded and verified`);
    opts.onReady(info.version, source);
  });

  const checkNow = async (): Promise<string | undefined> => {
    if (busy || ready !== undefined || stopped) return undefined;
    busy = true;
    try {
      const feeds = [...new Set(opts.servers().map(updateFeedUrl))].filter(
        (f): f is string => f !== undefined,
      );
      for (const feed of feeds) {
        source = feed;
        try {
          updater.setFeedURL({ provider: 'generic', url: feed });
          const result = await updater.checkForUpdates();
          if (!result?.isUpdateAvailable) continue;
          log.info(`update ${result.updateInfo.version} offered by ${feed}`);
          // electron-updater checks the download's sha512 against the feed before it is "downloaded".
          await result.downloadPromise;
          return feed;
        } catch (err) {
          // Most hosts hold no updates (404): that is normal, not a failure worth showing.
          log.debug(`no update from ${feed}`, err);
        }
      }
      return undefined;
    } finally {
      busy = false;
    }
  };

  const run = (): void => void checkNow().catch((err: unknown) => log.warn('update check', err));
  const first = (opts.setTimeout ?? setTimeout)(run, FIRST_CHECK_MS);
  first.unref?.();
  const timer = (opts.setInterval ?? setInterval)(run, CHECK_EVERY_MS);
  timer.unref?.();
  return {
    checkNow,
    restartToUpdate() {
      if (ready === undefined) return;
      updater.quitAndInstall(false, true);
    },
    stop() {
      stopped = true;
      clearTimeout(first as ReturnType<typeof setTimeout>);
      clearInterval(timer as ReturnType<typeof setInterval>);
    },
  };
}

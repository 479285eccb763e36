/**
 * The main window and the rules every web page in the app lives under. Electron objects come in
 * as arguments (only main.ts imports electron), so tests drive this with fakes.
 */
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Session,
  WebContents,
} from 'electron';
import type { Logger } from '../../shared/log.js';
import {
  isPermissionAllowed,
  navigationDecision,
  SECURE_WEB_PREFERENCES,
  spellcheckUsesSystem,
  windowOpenDecision,
} from './security.js';

/** Opens a URL in the system browser (shell.openExternal). */
export type OpenExternal = (url: string) => Promise<void>;

/**
 * Locks one webContents to the app: navigation only inside parley://app, no new windows (http(s)
 * links go to the system browser instead), no <webview>. Applied to every webContents created.
 */
export function guardWebContents(
  contents: WebContents,
  openExternal: OpenExternal,
  log: Logger,
): void {
  const toBrowser = (url: string): void => {
    openExternal(url).catch((err: unknown) => log.warn('could not open link', err));
  };
  contents.on('will-frame-navigate', (event) => {
    if (navigationDecision(event.url) === 'allow') return;
    event.preventDefault();
    // A plain link click in the chat navigates the main frame: send it to the browser instead.
    if (event.isMainFrame && windowOpenDecision(event.url) === 'external') toBrowser(event.url);
    else log.warn(`blocked navigation to ${event.url.slice(0, 200)}`);
  });
  contents.on('will-redirect', (event) => {
    if (navigationDecision(event.url) === 'allow') return;
    event.preventDefault();
    log.warn(`blocked redirect to ${event.url.slice(0, 200)}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenDecision(url) === 'external') toBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Grants only allowed permissions, and only to the app's own page; spellchecking only where it
 * needs no dictionary download.
 */
export function lockDownSession(
  session: Session,
  platform: NodeJS.Platform = process.platform,
): void {
  session.setSpellCheckerEnabled(spellcheckUsesSystem(platform));
  session.setPermissionRequestHandler((_contents, permission, done, details) =>
    done(isPermissionAllowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) =>
    isPermissionAllowed(permission, origin),
  );
}

/** What the main window needs. */
export interface MainWindowOptions {
  /** Electron's BrowserWindow class (a fake in tests). */
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** Absolute path of the bundled preload (dist/preload/preload.cjs). */
  preload: string;
  url: string;
  icon?: string;
  /** Platform, for the spellchecker (defaults to this one). */
  platform?: NodeJS.Platform;
  /** True once the user really quits; until then closing only hides the window to the tray. */
  isQuitting(): boolean;
  log: Logger;
}

/** Creates the window, shows it when painted, and makes closing it hide it to the tray. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new opts.BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 480,
    minHeight: 400,
    title: 'Parley',
    show: false,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      spellcheck: spellcheckUsesSystem(opts.platform ?? process.platform),
      preload: opts.preload,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    if (opts.isQuitting()) return;
    // Chat keeps running in the tray: people expect to stay reachable with the window closed.
    event.preventDefault();
    win.hide();
  });
  win.loadURL(opts.url).catch((err: unknown) => opts.log.error('could not load the app', err));
  return win;
}

/** Brings the window back from the tray or from behind other windows. */
export function showWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

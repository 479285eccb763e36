/**
 * The security rules of the desktop shell as pure functions and constants, so every rule is
 * unit-tested without Electron. mainWindow.ts and appProtocol.ts apply them.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** Scheme the app's own page is served on (a privileged, standard, secure scheme). */
export const APP_SCHEME = 'parley';
/** Host part of every app URL: parley://app/… */
export const APP_HOST = 'app';
/** Where the window opens. */
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** webPreferences every Parley window uses: isolated, sandboxed, no Node in the page. */
export const SECURE_WEB_PREFERENCES: NonNullable<
  BrowserWindowConstructorOptions['webPreferences']
> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  // A file dropped outside the renderer's drop zone must not replace the app with file://.
  navigateOnDragDrop: false,
  safeDialogs: true,
  // Off unless the platform has a system spellchecker (spellcheckUsesSystem): elsewhere
  // Chromium would download Hunspell dictionaries from Google's servers.
  spellcheck: false,
};

/**
 * Whether spellchecking uses the operating system's own checker. Only macOS: on Windows and
 * Linux Chromium's checker downloads its dictionaries from the internet, so Parley ships none
 * and leaves spellchecking off there.
 */
export function spellcheckUsesSystem(platform: NodeJS.Platform): boolean {
  return platform === 'darwin';
}

/**
 * CSP of every app response. Images and media come from chat servers by URL (any http(s) host
 * the user added), but scripts, styles and connections stay on the app itself: the engine runs
 * in main, so the page never needs to connect anywhere.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data: http: https:",
  "media-src 'self' blob: http: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function parse(target: string): URL | undefined {
  try {
    return new URL(target);
  } catch {
    return undefined;
  }
}

/**
 * Whether a URL belongs to the app's own page. Checked by parts, not by `origin`: Node gives
 * every custom scheme (and data:, file:) the opaque origin "null", so comparing origins would
 * make any such URL look like the app.
 */
export function isAppUrl(target: string): boolean {
  const u = parse(target);
  return (
    u !== undefined &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === ''
  );
}

/** Whether two URLs share a real (non-opaque) origin: scheme, host and port. */
export function isSameOrigin(target: string, appOrigin: string): boolean {
  const a = parse(target);
  const b = parse(appOrigin);
  if (!a || !b || a.host === '' || b.host === '') return false;
  return a.protocol === b.protocol && a.host === b.host && a.port === b.port;
}

/**
 * Links may leave the app only to the system browser, and only for http(s). URLs with user
 * info are refused: "https://bank.example@evil.example" shows one host and opens another.
 */
export function isExternalLinkAllowed(target: string): boolean {
  const u = parse(target);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return false;
  return u.hostname !== '' && u.username === '' && u.password === '';
}

/**
 * The only permissions a Parley page may get (media comes with calls, later). Writing text to
 * the clipboard is the "Copy invite link" button; reading the clipboard stays refused.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'notifications',
  'clipboard-sanitized-write',
]);

/** Whether a permission may be granted: only allowed ones, and only to the app's own page. */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** What to do with a navigation of the window: stay only inside the app. */
export function navigationDecision(target: string): 'allow' | 'deny' {
  return isAppUrl(target) ? 'allow' : 'deny';
}

/** What to do with window.open / target=_blank: never a new window; http(s) to the browser. */
export function windowOpenDecision(target: string): 'external' | 'deny' {
  return isExternalLinkAllowed(target) ? 'external' : 'deny';
}

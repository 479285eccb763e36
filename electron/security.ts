import type { BrowserWindowConstructorOptions } from 'electron';

/** webPreferences every Parley window uses: isolated, sandboxed, no Node in the page. */
export const SECURE_WEB_PREFERENCES: NonNullable<
  BrowserWindowConstructorOptions['webPreferences']
> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: true,
};

/** Whether a navigation stays on the app's own origin. */
export function isSameOrigin(target: string, appOrigin: string): boolean {
  try {
    return new URL(target).origin === appOrigin;
  } catch {
    return false;
  }
}

/** Links may leave the app only to the system browser, and only for http(s). */
export function isExternalLinkAllowed(target: string): boolean {
  try {
    const { protocol } = new URL(target);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The only permissions a Parley page may get (media comes with calls, later). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

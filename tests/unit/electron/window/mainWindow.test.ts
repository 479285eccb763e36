import { EventEmitter } from 'node:events';
import type { BrowserWindow, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/log.js';
import {
  createMainWindow,
  guardWebContents,
  lockDownSession,
  showWindow,
} from '../../../../electron/window/mainWindow.js';
import { APP_START_URL } from '../../../../electron/window/security.js';

const log = createLogger('test', 'silent');

/** A webContents: an EventEmitter plus the window-open handler slot. */
class FakeContents extends EventEmitter {
  openHandler?: (d: { url: string }) => { action: string };
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
  /** Emits an event the way Electron does and reports whether it was prevented. */
  fire(name: string, details: Record<string, unknown> = {}): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => (prevented = true) }, details.url);
    return prevented;
  }
}

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardWebContents(contents as unknown as WebContents, async (url) => void opened.push(url), log);
  return { contents, opened };
}

describe('guardWebContents', () => {
  it('keeps navigation inside the app', () => {
    const { contents, opened } = guarded();
    const nav = (url: string, isMainFrame = true) =>
      contents.fire('will-frame-navigate', { url, isMainFrame });
    expect(nav('parley://app/index.html')).toBe(false);
    expect(nav('file:///home/me/dropped.png')).toBe(true);
    expect(nav('javascript:alert(1)')).toBe(true);
    expect(nav('data:text/html,<b>x</b>')).toBe(true);
    expect(nav('parley://app.evil.example/')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('sends a clicked http(s) link to the browser, but not from a subframe', () => {
    const { contents, opened } = guarded();
    expect(
      contents.fire('will-frame-navigate', { url: 'https://example.com/', isMainFrame: true }),
    ).toBe(true);
    expect(
      contents.fire('will-frame-navigate', { url: 'https://ad.example/', isMainFrame: false }),
    ).toBe(true);
    expect(opened).toEqual(['https://example.com/']);
  });

  it('blocks redirects away from the app', () => {
    const { contents } = guarded();
    expect(contents.fire('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-redirect', { url: 'parley://app/index.html' })).toBe(false);
  });

  it('never opens a window; http(s) goes to the browser, the rest nowhere', () => {
    const { contents, opened } = guarded();
    for (const url of [
      'https://example.com/x',
      'file:///etc/passwd',
      'javascript:1',
      'smb://h/s',
      'parley://app/',
    ])
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/x']);
  });

  it('refuses <webview>', () => {
    const { contents } = guarded();
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
});

describe('lockDownSession', () => {
  it('answers permission requests and checks by the rules', () => {
    let request: (
      wc: unknown,
      p: string,
      done: (ok: boolean) => void,
      d: { requestingUrl: string },
    ) => void = () => undefined;
    let check: (wc: unknown, p: string, origin: string) => boolean = () => true;
    const spellcheck: boolean[] = [];
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setSpellCheckerEnabled: (on: boolean) => spellcheck.push(on),
    } as unknown as Session;
    lockDownSession(session, 'linux');
    lockDownSession(session, 'win32');
    lockDownSession(session, 'darwin');
    // Only macOS checks spelling without downloading Hunspell dictionaries from the internet.
    expect(spellcheck).toEqual([false, false, true]);
    const answers: boolean[] = [];
    request(null, 'notifications', (ok) => answers.push(ok), { requestingUrl: APP_START_URL });
    request(null, 'media', (ok) => answers.push(ok), { requestingUrl: APP_START_URL });
    request(null, 'notifications', (ok) => answers.push(ok), {
      requestingUrl: 'https://evil.example/',
    });
    expect(answers).toEqual([true, false, false]);
    expect(check(null, 'notifications', 'parley://app')).toBe(true);
    expect(check(null, 'geolocation', 'parley://app')).toBe(false);
  });
});

class FakeWindow extends EventEmitter {
  static last: FakeWindow;
  visible = false;
  minimized = false;
  focused = false;
  loaded = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.last = this;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return false;
  }
  async loadURL(url: string) {
    this.loaded = url;
  }
  /** Emits close like Electron and reports whether it was prevented. */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

describe('main window', () => {
  const make = (quitting: { value: boolean }) =>
    createMainWindow({
      BrowserWindow: FakeWindow as unknown as new () => BrowserWindow,
      preload: '/app/dist/preload/preload.cjs',
      url: APP_START_URL,
      isQuitting: () => quitting.value,
      log,
    });

  it('uses the secure preferences with the bundled preload, and loads the app URL', () => {
    make({ value: false });
    const w = FakeWindow.last;
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/app/dist/preload/preload.cjs',
    });
    expect(w.options.show).toBe(false);
    expect(w.loaded).toBe(APP_START_URL);
    w.emit('ready-to-show');
    expect(w.visible).toBe(true);
  });

  it('hides to the tray on close until the user quits', () => {
    const quitting = { value: false };
    make(quitting);
    const w = FakeWindow.last;
    w.show();
    expect(w.tryClose()).toBe(true);
    expect(w.visible).toBe(false);
    quitting.value = true;
    expect(w.tryClose()).toBe(false);
  });

  it('comes back from the tray or a minimized state', () => {
    const win = make({ value: false });
    const w = FakeWindow.last;
    w.minimized = true;
    showWindow(win);
    expect(w.minimized).toBe(false);
    expect(w.visible && w.focused).toBe(true);
  });
});

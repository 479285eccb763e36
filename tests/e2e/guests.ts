/** Browser guests for the e2e tests: one context each (own storage), with traps for XSS. */
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A signed-in (or signing-in) guest tab. */
export interface Guest {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Page errors and dialogs (alert/confirm): both must stay empty. */
  problems: string[];
}

/**
 * Runs in every page before the app: keeps the app's WebSockets reachable so a test can cut
 * them (offline emulation does not close an open socket), and makes any dialog count as XSS.
 */
function instrument() {
  const w = window as unknown as { __sockets: WebSocket[]; __deaf?: boolean };
  w.__sockets = [];
  const Native = window.WebSocket;
  class Tracked extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      w.__sockets.push(this);
    }
    // window.__deaf = true makes the page hear nothing on its open sockets: a link that died
    // without closing (Wi-Fi gone, host asleep), which only a heartbeat can notice.
    override set onmessage(handler: ((ev: MessageEvent) => void) | null) {
      super.onmessage = handler
        ? (ev: MessageEvent) => {
            if (!w.__deaf) handler.call(this, ev);
          }
        : null;
    }
    override get onmessage() {
      return super.onmessage;
    }
  }
  window.WebSocket = Tracked;
  // The page's CSP forbids eval and inline script: any violation means the bundle tried one.
  const v = window as unknown as { __csp: string[] };
  v.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    v.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
  );
}

/** CSP violations the page has seen since it loaded (see instrument). */
export function cspViolations(p: Page): Promise<string[]> {
  return p.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

/**
 * A stand-in for the Notification API (headless Chromium shows none): permission starts as
 * "default", requesting it grants it, and every notification is recorded in window.__notes.
 */
function recordNotifications() {
  const w = window as unknown as { __notes: Array<{ title: string; body?: string }> };
  w.__notes = [];
  class Recorded {
    static permission: NotificationPermission = 'default';
    static requestPermission() {
      Recorded.permission = 'granted';
      return Promise.resolve(Recorded.permission);
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options?: { body?: string }) {
      w.__notes.push({ title, body: options?.body });
    }
    close() {}
  }
  (window as unknown as { Notification: unknown }).Notification = Recorded;
}

/** Opens the app in a fresh context (nothing stored), not signed in yet. */
export async function openGuest(
  browser: Browser,
  url: string,
  name: string,
  opts: {
    recordNotifications?: boolean;
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
    /** Installs Playwright's clock before the app starts, so a test can move time itself. */
    clock?: boolean;
  } = {},
): Promise<Guest> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  await context.addInitScript(instrument);
  if (opts.clock) await context.clock.install();
  if (opts.recordNotifications) await context.addInitScript(recordNotifications);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  return { name, context, page, problems };
}

/** The two widths every screen is checked at: a laptop and a phone (390×844). */
export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Fills "Your name" and waits for the chat. */
export async function signIn(g: Guest): Promise<void> {
  await g.page.getByLabel('Your name').fill(g.name);
  await g.page.getByLabel('Your name').press('Enter');
  await g.page.getByRole('textbox', { name: 'Message' }).waitFor();
}

/** Sends a message from the composer. */
export async function send(g: Guest, text: string): Promise<void> {
  const box = g.page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** The message log of the open room. */
export const log = (p: Page) => p.getByRole('log');

/**
 * Picks a file through the attach button's file chooser, then (unless `send` is false) sends it
 * from the preview dialog, with `caption` when given.
 */
export async function attach(
  p: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  opts: { send?: boolean; caption?: string } = {},
): Promise<void> {
  const [chooser] = await Promise.all([
    p.waitForEvent('filechooser'),
    p.getByRole('button', { name: 'Attach file' }).click(),
  ]);
  await chooser.setFiles(file);
  if (opts.send === false) return;
  await sendPreview(p, opts.caption);
}

/** Sends the files waiting in the preview dialog. */
export async function sendPreview(p: Page, caption?: string): Promise<void> {
  const dialog = p.getByRole('dialog', { name: /^Send / });
  await dialog.waitFor();
  if (caption !== undefined) await dialog.getByLabel('Caption').fill(caption);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** A real PNG of the given size, drawn by the browser's canvas. */
export async function pngBytes(p: Page, width: number, height: number): Promise<Buffer> {
  const dataUrl = await p.evaluate(
    ([w, h]) => {
      const c = document.createElement('canvas');
      c.width = w!;
      c.height = h!;
      const g = c.getContext('2d')!;
      const grad = g.createLinearGradient(0, 0, 0, h!);
      grad.addColorStop(0, '#ff9a3c');
      grad.addColorStop(1, '#6a3cff');
      g.fillStyle = grad;
      g.fillRect(0, 0, w!, h!);
      g.fillStyle = '#ffe066';
      g.beginPath();
      g.arc(w! / 2, h! * 0.62, h! / 5, 0, Math.PI * 2);
      g.fill();
      return c.toDataURL('image/png');
    },
    [width, height],
  );
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** How far the message list is scrolled up from its bottom, in pixels. */
export function distanceFromBottom(p: Page): Promise<number> {
  return p.evaluate(() => {
    const s = document.querySelector('[role=log] [data-virtuoso-scroller]');
    return s ? s.scrollHeight - s.scrollTop - s.clientHeight : -1;
  });
}

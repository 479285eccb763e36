/**
 * Settings → Desktop in the desktop UI (a scripted ChatApi stands in for the preload; main's
 * side is tested through the IPC handlers in tests/unit/electron/settings).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { installFakeParley, type FakeControl, type FakeOptions } from './fakeParley.js';
import { PHONE } from './guests.js';

const STATIC = resolve('dist/renderer');
let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  t = await startTestServer({ staticDir: STATIC });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('desktop settings', () => {
  it('launch at login, close to tray and the downloads folder, at both widths', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(installFakeParley, {
      start: 'main',
      bigRoom: 10,
      maxUploadBytes: 1024 ** 3,
    } satisfies FakeOptions);
    await page.goto(`${t.server.url}/`);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('tab', { name: 'Desktop' }).click();
    const login = dialog.getByLabel('Start Parley when I sign in to this computer');
    await login.check();
    await dialog.getByLabel(/Keep Parley running in the tray/).uncheck();
    await dialog.getByRole('button', { name: 'Choose folder…' }).click();
    await dialog.getByText('/home/dana/Incoming files').waitFor();
    expect(await login.isChecked()).toBe(true);
    await screenshot(page, 'settings-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'settings-desktop-phone');
    const { calls } = await page.evaluate(
      () => (window as unknown as { __fake: FakeControl }).__fake,
    );
    expect(calls.filter((c) => /Desktop|Downloads/.test(c.name))).toEqual([
      { name: 'getDesktopSettings', args: {} },
      { name: 'setDesktopSettings', args: { launchAtLogin: true } },
      { name: 'setDesktopSettings', args: { closeToTray: false } },
      { name: 'chooseDownloadsFolder', args: {} },
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

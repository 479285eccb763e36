/** The Settings dialog: theme and message density, kept on the device, at both widths. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { DESKTOP, PHONE, cspViolations, openGuest, signIn } from './guests.js';

const STATIC = resolve('dist/renderer');
let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  t = await startTestServer({ staticDir: STATIC, name: 'Team room' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const look = (p: Page) =>
  p.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    density: document.documentElement.dataset.density,
    background: getComputedStyle(document.body).backgroundColor,
  }));

/** Opens Settings from wherever the button is (the sidebar, or the drawer on a phone). */
async function openSettings(p: Page): Promise<void> {
  const menu = p.getByRole('button', { name: 'Open menu' });
  if (await menu.isVisible()) await menu.click();
  await p.getByRole('button', { name: 'Settings' }).click();
  await p.getByRole('dialog', { name: 'Settings' }).waitFor();
}

describe('Settings', () => {
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`switches theme and density, keeps them after a reload (${width})`, async () => {
      const g = await openGuest(browser, `${t.server.url}/`, `Sam${width}`, { viewport });
      try {
        await signIn(g);
        const p = g.page;
        // "System" follows the device: this context asks for light.
        expect(await look(p)).toMatchObject({ theme: 'light', density: 'comfortable' });
        await g.context.pages()[0]!.emulateMedia({ colorScheme: 'dark' });
        await expect.poll(async () => (await look(p)).theme).toBe('dark');
        await p.emulateMedia({ colorScheme: 'light' });
        await expect.poll(async () => (await look(p)).theme).toBe('light');
        const lightBackground = (await look(p)).background;

        await openSettings(p);
        const dialog = p.getByRole('dialog', { name: 'Settings' });
        await dialog.getByRole('tab', { name: 'Appearance' }).waitFor();
        const theme = dialog.getByRole('group', { name: 'Theme' });
        expect(await theme.getByRole('radio', { name: 'System' }).isChecked()).toBe(true);
        await screenshot(p, `settings-${width}-light`);
        await theme.getByRole('radio', { name: 'Dark' }).check();
        expect(await look(p)).toMatchObject({ theme: 'dark' });
        expect((await look(p)).background).not.toBe(lightBackground);
        await dialog
          .getByRole('group', { name: 'Message density' })
          .getByRole('radio', { name: 'Compact' })
          .check();
        expect((await look(p)).density).toBe('compact');
        await screenshot(p, `settings-${width}-dark`);

        // Esc closes it and focus goes back to the button that opened it.
        await p.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        if (width === 'desktop')
          expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
            'Settings',
          );

        // Kept on this device: a reload (and the system turning light) keeps the dark choice.
        await p.reload();
        await p.getByRole('textbox', { name: 'Message' }).waitFor();
        expect(await look(p)).toMatchObject({ theme: 'dark', density: 'compact' });
        await screenshot(p, `chat-${width}-dark-compact`);
        await openSettings(p);
        await dialog.getByRole('radio', { name: 'Light' }).check();
        expect((await look(p)).theme).toBe('light');
        await dialog.getByRole('button', { name: 'Done' }).click();
        await dialog.waitFor({ state: 'detached' });
        expect(g.problems).toEqual([]);
        expect(await cspViolations(p)).toEqual([]);
      } finally {
        await g.context.close();
      }
    });
  }
});

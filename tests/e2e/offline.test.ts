/**
 * A link that dies without closing is noticed by the client's heartbeat within 5 s (counted on
 * the page's own clock, not timed): a banner says so, and nobody's presence is claimed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { DESKTOP, PHONE, openGuest, signIn } from './guests.js';

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

describe('a dead link', () => {
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`is noticed within 5 s of page time, with a banner and presence unknown (${width})`, async () => {
      const g = await openGuest(browser, `${t.server.url}/`, `Dee${width}`, {
        clock: true,
        viewport,
      });
      const other = await openGuest(browser, `${t.server.url}/`, `Eve${width}`);
      try {
        g.page.setDefaultTimeout(10_000);
        await signIn(g);
        await signIn(other);
        const p = g.page;
        const banner = p.getByRole('status').filter({ hasText: /Offline|Connecting/ });
        expect(await banner.count()).toBe(0);
        // The page stops hearing the server; its socket stays open.
        await p.evaluate(() => {
          (window as unknown as { __deaf: boolean }).__deaf = true;
        });
        await p.clock.runFor(5_000);
        await banner.first().waitFor();
        if (width === 'phone') await p.getByRole('button', { name: 'Open menu' }).click();
        const nav = p.getByRole('navigation', { name: 'Rooms and people' });
        await nav.getByText('Status unknown', { exact: true }).waitFor();
        expect(await nav.getByRole('button', { name: /, online\./ }).count()).toBe(0);
        await nav
          .getByRole('button', { name: new RegExp(`^Eve${width}, status unknown\\.`) })
          .waitFor();
        await screenshot(p, `offline-heartbeat-${width}`);
        expect(g.problems).toEqual([]);
      } finally {
        await g.context.close();
        await other.context.close();
      }
    });
  }
});

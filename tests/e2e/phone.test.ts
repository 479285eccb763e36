/** The phone layout (390×844): drawer, full-width room and composer, 44 px targets, end to end. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { PHONE, attach, cspViolations, log, openGuest, pngBytes, send, signIn } from './guests.js';

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

const box = (p: Page, name: string) =>
  p.getByRole(name === 'Message' ? 'textbox' : 'button', { name, exact: true }).boundingBox();

/**
 * Visible, enabled buttons smaller than 44×44 px. Targets inside a line of text (links in a
 * message, the author's name in its header) are exempt, as WCAG 2.5.8 allows for inline targets.
 */
const smallTargets = (p: Page) =>
  p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, [role=tab], a[href], input, textarea')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || el.closest('.md, .msg-head, [inert]')) return false;
        if ((el as HTMLButtonElement).disabled) return false;
        return r.height < 44 || r.width < 44;
      })
      .map((el) => el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName),
  );

describe('on a phone (390×844)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`signs in, switches rooms, sends, attaches a photo and reacts (${scheme})`, async () => {
      const ann = await openGuest(browser, `${t.server.url}/`, `Ann${scheme}`, {
        viewport: PHONE,
        colorScheme: scheme,
      });
      const ben = await openGuest(browser, `${t.server.url}/`, `Ben${scheme}`);
      try {
        const p = ann.page;
        // A step that cannot happen fails here, by name, before the test's own time is up.
        p.setDefaultTimeout(10_000);
        await p.getByRole('heading', { name: 'Join Team room' }).waitFor();
        await screenshot(p, `phone-name-screen-${scheme}`);
        await signIn(ann);
        await signIn(ben);
        // The room fills the screen; the sidebar is a closed drawer, out of reach until opened.
        const composer = await p.locator('.composer-box').boundingBox();
        expect(composer!.width).toBeGreaterThan(PHONE.width * 0.9);
        expect((await box(p, 'Message'))!.width).toBeGreaterThan(PHONE.width * 0.5);
        expect(await p.getByRole('navigation', { name: 'Rooms and people' }).count()).toBe(0);
        expect(await smallTargets(p)).toEqual([]);
        await screenshot(p, `phone-room-${scheme}`);

        // The menu opens the drawer; a room picked there opens full screen.
        const menu = p.getByRole('button', { name: 'Open menu' });
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        await menu.click();
        const nav = p.getByRole('navigation', { name: 'Rooms and people' });
        await nav.waitFor();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        expect(await smallTargets(p)).toEqual([]);
        await screenshot(p, `phone-drawer-${scheme}`);
        // Esc closes it and focus returns to the menu button.
        await p.keyboard.press('Escape');
        await nav.waitFor({ state: 'detached' });
        expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
          'Open menu',
        );
        await menu.click();
        await nav.getByRole('button', { name: 'Create room' }).click();
        await p.getByLabel('Room name').fill(`phones-${scheme}`);
        await p.getByRole('button', { name: 'Create', exact: true }).click();
        await p.getByRole('heading', { name: `phones-${scheme}`, level: 1 }).waitFor();
        await menu.click();
        await nav.getByRole('button', { name: /general/ }).click();
        await p.getByRole('heading', { name: 'general', level: 1 }).waitFor();
        await nav.waitFor({ state: 'detached' });

        // Send, and see the other side's answer.
        await send(ann, `Hello from my ${scheme} phone with a **long** line that has to wrap`);
        await log(ben.page).getByText(`Hello from my ${scheme} phone`).waitFor();
        await send(ben, `Hi Ann (${scheme})! :wave:`);
        await log(p).getByText(`Hi Ann (${scheme})! 👋`).waitFor();

        // A photo from the attach button: previewed, captioned and sent.
        await attach(
          p,
          { name: 'beach.png', mimeType: 'image/png', buffer: await pngBytes(p, 640, 480) },
          { send: false },
        );
        const preview = p.getByRole('dialog', { name: 'Send “beach.png”' });
        await preview.waitFor();
        await screenshot(p, `phone-attach-preview-${scheme}`);
        await preview.getByLabel('Caption').fill(`The beach today (${scheme})`);
        await preview.getByRole('button', { name: 'Send', exact: true }).click();
        await log(p).getByRole('img', { name: 'beach.png' }).last().waitFor();
        await log(ben.page).getByText(`The beach today (${scheme})`).waitFor();

        // React to Ben's message with a tap: the message shows its actions.
        const hi = log(p)
          .getByRole('article')
          .filter({ hasText: `Hi Ann (${scheme})!` });
        await hi.getByText(`Hi Ann (${scheme})!`).click();
        await hi.getByRole('toolbar').getByRole('button', { name: 'Add reaction' }).click();
        await p.getByRole('button', { name: '👍', exact: true }).first().click();
        await log(ben.page)
          .getByRole('article')
          .filter({ hasText: `Hi Ann (${scheme})!` })
          .getByRole('button', { name: /👍/ })
          .waitFor();
        await screenshot(p, `phone-chat-${scheme}`);
        expect(await smallTargets(p)).toEqual([]);
        expect(ann.problems).toEqual([]);
        expect(await cspViolations(p)).toEqual([]);
      } finally {
        await ann.context.close();
        await ben.context.close();
      }
    });
  }
});

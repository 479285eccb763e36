/**
 * Invites in Chromium: the owner opens "Invite people", the QR code decodes to exactly the link,
 * and a guest who opens the link (over https) is in without the server password. Moderation from the people
 * list. Screenshots of the dialog at desktop and phone widths.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import jsqr from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumTrusting, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { openGuest, type Guest } from './guests.js';

const STATIC = resolve('dist/renderer');
// jsqr is CommonJS with an ES-style default in its types: take whichever shape arrives.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsqr as unknown as { default?: Decode }).default ??
  (jsqr as unknown as Decode)) as Decode;
let browser: Browser;
let t: TestServer;
const guests: Guest[] = [];

async function signIn(page: Page, name: string, password?: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  if (password) await page.getByLabel('Server password').fill(password);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

/** Reads the QR code's pixels off its canvas and decodes them. */
async function decodeQr(page: Page): Promise<string | undefined> {
  const canvas = page.getByRole('img', { name: 'QR code of the invite link' });
  await canvas.waitFor();
  const img = await canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    return { width: data.width, height: data.height, pixels: Array.from(data.data) };
  });
  return jsQR(Uint8ClampedArray.from(img.pixels), img.width, img.height)?.data;
}

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  // Over https, as a LAN guest meets it: Chromium trusts exactly this server's certificate.
  t = await startTestServer({ staticDir: STATIC, name: 'Studio', password: 'sesame', tls: 'auto' });
  browser = await launchChromiumTrusting(t.server);
});
afterAll(async () => {
  for (const g of guests) await g.context.close();
  await browser?.close();
  await t?.close();
});

describe('invite links', () => {
  it('the QR code decodes to the link, and a guest with the link joins without the password', async () => {
    const owner = await openGuest(browser, `${t.server.url}/`, 'Olga');
    guests.push(owner);
    await signIn(owner.page, 'Olga', 'sesame');
    await owner.page.getByRole('button', { name: 'Invite people' }).click();
    const dialog = owner.page.getByRole('dialog', { name: 'Invite people' });
    const input = dialog.getByRole('textbox', { name: 'Invite link' });
    await expect.poll(() => input.inputValue()).toMatch(/#\/join\//);
    const link = await input.inputValue();
    expect(link).toMatch(
      new RegExp(`^https://127\\.0\\.0\\.1:${t.server.port}/#/join/[A-Za-z0-9_-]{22}$`),
    );
    expect(await decodeQr(owner.page)).toBe(link);
    await dialog.getByText('Single use').first().waitFor();
    await screenshot(owner.page, 'invite-dialog-desktop');
    await owner.page.setViewportSize({ width: 390, height: 844 });
    expect(await decodeQr(owner.page)).toBe(link);
    await screenshot(owner.page, 'invite-dialog-phone');
    await owner.page.setViewportSize({ width: 1280, height: 800 });

    const guest = await openGuest(browser, link, 'Gus');
    guests.push(guest);
    await guest.page.getByRole('heading', { name: "You're invited to Studio" }).waitFor();
    expect(await guest.page.getByLabel('Server password').count()).toBe(0);
    await screenshot(guest.page, 'invite-name-screen');
    await signIn(guest.page, 'Gus');
    // The link's code is gone from the address bar once it is used.
    expect(new URL(guest.page.url()).hash).toBe('');

    // The single-use invite is used up: the owner's list no longer shows it.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await owner.page.getByRole('button', { name: 'Invite people' }).click();
    await expect
      .poll(
        async () =>
          (await owner.page.getByRole('textbox', { name: 'Invite link' }).inputValue()) !== link,
      )
      .toBe(true);
    await owner.page
      .getByRole('dialog', { name: 'Invite people' })
      .getByRole('button', { name: 'Done' })
      .click();

    // Moderation from the people list: make Gus an admin, then kick him.
    await owner.page.getByRole('button', { name: 'Manage Gus' }).click();
    const card = owner.page.getByRole('dialog', { name: 'Gus' });
    await card.getByRole('button', { name: 'Make admin' }).click();
    await card.getByText('Gus is an admin now.').waitFor();
    await screenshot(owner.page, 'person-dialog');
    await card.getByRole('button', { name: 'Kick' }).click();
    await guest.page.getByRole('alert').filter({ hasText: 'An admin removed you' }).waitFor();
    await screenshot(guest.page, 'kicked');
    expect(owner.problems).toEqual([]);
    expect(guest.problems).toEqual([]);
  });

  it('looks right on a phone', async () => {
    const phone = await openGuest(browser, `${t.server.url}/`, 'Pia', {
      viewport: { width: 390, height: 844 },
    });
    guests.push(phone);
    await signIn(phone.page, 'Olga2', 'sesame');
    // Only owners and admins see the button: Pia is a member.
    expect(await phone.page.getByRole('button', { name: 'Invite people' }).count()).toBe(0);
  });
});

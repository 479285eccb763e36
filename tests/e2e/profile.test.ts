/**
 * Identity, profiles and notification levels in real Chromium against a real host: protect a
 * name, sign out, sign back in from a fresh browser; set a picture and see it in the timeline;
 * set a room to "Nothing" and get no notification from it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { DESKTOP, log, openGuest, PHONE, pngBytes, send, signIn, type Guest } from './guests.js';

const STATIC = resolve('dist/renderer');
let browser: Browser;
let t: TestServer;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  browser = await launchChromium();
  t = await startTestServer({ staticDir: STATIC, name: 'Studio' });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const settingsTab = async (p: Page, tab: string) => {
  await p.getByRole('button', { name: 'Settings' }).click();
  await p.getByRole('dialog', { name: 'Settings' }).getByRole('tab', { name: tab }).click();
  return p.getByRole('dialog', { name: 'Settings' });
};
const notes = (g: Guest) =>
  g.page.evaluate(() =>
    (window as unknown as { __notes: Array<{ title: string; body?: string }> }).__notes.map(
      (n) => n.body,
    ),
  );

describe('identity that survives sign-out', () => {
  it('protects a name, signs out, and signs in again from a fresh browser', async () => {
    const ann = await openGuest(browser, `${t.server.url}/`, 'Ann');
    await signIn(ann);
    await send(ann, 'before signing out');
    await log(ann.page).getByText('before signing out').waitFor();

    // Without protection, signing out warns that the name is lost, and offers to protect it.
    await ann.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const warn = ann.page.getByRole('dialog', { name: 'Sign out of Studio?' });
    await warn.getByRole('alert').filter({ hasText: 'lose it for good' }).waitFor();
    await screenshot(ann.page, 'sign-out-unprotected');
    await ann.page.setViewportSize(PHONE);
    await screenshot(ann.page, 'sign-out-unprotected-phone');
    await ann.page.setViewportSize(DESKTOP);
    await warn.getByRole('button', { name: 'Protect my name' }).click();
    const settings = ann.page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Personal password').fill('ann secret words');
    await settings.getByLabel('Repeat it').fill('ann secret words');
    await settings.getByRole('button', { name: 'Protect my name' }).click();
    await settings.getByRole('status').filter({ hasText: 'Ann is protected' }).waitFor();
    await screenshot(ann.page, 'settings-your-name');
    await settings.getByRole('button', { name: 'Done' }).click();

    await ann.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const sure = ann.page.getByRole('dialog', { name: 'Sign out of Studio?' });
    await sure.getByText('is protected').waitFor();
    await sure.getByRole('button', { name: 'Sign out', exact: true }).click();
    await ann.page.getByLabel('Your name').waitFor();
    expect(ann.problems).toEqual([]);
    await ann.context.close();

    // A fresh browser (nothing stored), on a phone.
    const phone = await openGuest(browser, `${t.server.url}/`, 'Ann', { viewport: PHONE });
    await phone.page.getByLabel('Your name').fill('ann');
    await phone.page.getByLabel('I protected this name').check();
    await phone.page.getByLabel('Personal password or sign-in code').fill('wrong words here');
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.getByRole('alert').filter({ hasText: 'not protected by this' }).waitFor();
    await phone.page.getByLabel('Personal password or sign-in code').fill('ann secret words');
    await screenshot(phone.page, 'sign-in-protected-phone');
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.getByRole('textbox', { name: 'Message' }).waitFor();
    // The same person: the old message is theirs, under the name they protected.
    await log(phone.page).getByRole('button', { name: 'Ann: show profile' }).first().waitFor();
    await log(phone.page).getByText('before signing out').waitFor();
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });
});

describe('profiles', () => {
  it('sets a cropped picture and a status that others see in the timeline and on the card', async () => {
    const cat = await openGuest(browser, `${t.server.url}/`, 'Cat');
    await signIn(cat);
    const dan = await openGuest(browser, `${t.server.url}/`, 'Dan');
    await signIn(dan);

    const profile = await settingsTab(cat.page, 'Profile');
    const [chooser] = await Promise.all([
      cat.page.waitForEvent('filechooser'),
      profile.getByRole('button', { name: 'Choose picture…' }).click(),
    ]);
    await chooser.setFiles({
      name: 'holiday.png',
      mimeType: 'image/png',
      buffer: await pngBytes(cat.page, 900, 600),
    });
    await profile.getByLabel('Zoom').fill('1.5');
    await profile.getByRole('img', { name: /Picture crop/ }).press('ArrowLeft');
    await screenshot(cat.page, 'settings-picture-crop');
    await profile.getByRole('button', { name: 'Save picture' }).click();
    await profile.getByRole('status').filter({ hasText: 'Picture saved.' }).waitFor();
    await profile.getByLabel('Emoji').fill('🌴');
    await profile.getByLabel('Status', { exact: true }).fill('On holiday until Monday');
    await profile.getByRole('button', { name: 'Save status' }).click();
    await profile.getByRole('status').filter({ hasText: 'Status saved.' }).waitFor();
    await screenshot(cat.page, 'settings-profile');
    await cat.page.setViewportSize(PHONE);
    await screenshot(cat.page, 'settings-profile-phone');
    await cat.page.setViewportSize(DESKTOP);
    await profile.getByRole('button', { name: 'Done' }).click();
    await send(cat, 'hello with a face');

    // Dan sees the picture (a real 256×256 image, loaded with the short-lived credential).
    const row = log(dan.page).getByRole('article').filter({ hasText: 'hello with a face' });
    const img = row.locator('.avatar img');
    await img.waitFor();
    const src = await img.getAttribute('src');
    expect(src).toMatch(/\/api\/avatars\/f_[A-Za-z0-9_-]+\?access=u_/);
    expect(src).not.toContain('token');
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(256);
    await screenshot(dan.page, 'avatar-in-timeline');
    await row.getByRole('button', { name: 'Cat: show profile' }).click();
    const card = dan.page.getByRole('dialog', { name: 'Profile of Cat' });
    await card.getByText('On holiday until Monday').waitFor();
    await screenshot(dan.page, 'profile-card');
    await dan.page.setViewportSize(PHONE);
    await screenshot(dan.page, 'profile-card-phone');
    await card.getByRole('button', { name: 'Send message' }).click();
    await dan.page.getByRole('heading', { name: 'Cat', level: 1 }).waitFor();
    expect(cat.problems).toEqual([]);
    expect(dan.problems).toEqual([]);
    await cat.context.close();
    await dan.context.close();
  });
});

describe('notification levels', () => {
  it('mentions and DMs by default; a room set to "Nothing" stays quiet', async () => {
    const eve = await openGuest(browser, `${t.server.url}/`, 'Eve');
    await signIn(eve);
    const fay = await openGuest(browser, `${t.server.url}/`, 'Fay', { recordNotifications: true });
    await signIn(fay);
    await fay.page.getByRole('button', { name: 'Enable notifications' }).click();
    // (A mention goes first in a message: at the end, Enter would pick it from the popup.)
    // Eve makes a second room; Fay joins it and then looks at a DM, away from both rooms.
    await eve.page.getByRole('button', { name: 'Create room' }).first().click();
    await eve.page.getByLabel('Room name').fill('side');
    await eve.page.getByLabel('Room name').press('Enter');
    await eve.page.getByRole('heading', { name: 'side', level: 1 }).waitFor();
    await fay.page.getByRole('button', { name: 'Browse rooms' }).first().click();
    await fay.page.getByRole('button', { name: /Join side/ }).click();
    await fay.page.getByRole('heading', { name: 'side', level: 1 }).waitFor();
    await fay.page
      .getByRole('navigation')
      .getByRole('button', { name: /general/ })
      .click();
    await fay.page
      .getByRole('navigation')
      .getByRole('button', { name: /^Eve, online/ })
      .click();
    await fay.page.getByRole('heading', { name: 'Eve', level: 1 }).waitFor();

    const general = eve.page.getByRole('navigation').getByRole('button', { name: /general/ });
    await general.click();
    await send(eve, 'an ordinary message');
    await send(eve, '@Fay look here');
    await expect.poll(() => notes(fay), { timeout: 10_000 }).toEqual(['@Fay look here']);

    const prefs = await settingsTab(fay.page, 'Notifications');
    await prefs.getByLabel('#general').selectOption('none');
    await prefs.getByLabel('#side').selectOption('all');
    await screenshot(fay.page, 'settings-notifications');
    await fay.page.setViewportSize(PHONE);
    await screenshot(fay.page, 'settings-notifications-phone');
    await fay.page.setViewportSize(DESKTOP);
    await prefs.getByRole('button', { name: 'Done' }).click();
    await send(eve, '@Fay again');
    await eve.page.getByRole('navigation').getByRole('button', { name: /side/ }).click();
    await send(eve, 'side note');
    // The later message from the "All" room arrives; the mention in the "Nothing" room did not.
    await expect
      .poll(() => notes(fay), { timeout: 10_000 })
      .toEqual(['@Fay look here', 'side note']);
    expect(eve.problems).toEqual([]);
    expect(fay.problems).toEqual([]);
    await eve.context.close();
    await fay.context.close();
  });
});

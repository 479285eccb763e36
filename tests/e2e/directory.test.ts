import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { TestClient } from '../helpers/testClient.js';
import { log, openGuest, signIn, type Guest } from './guests.js';

const STATIC = resolve('dist/renderer');
/** More people than welcome carries (200) or a room summary lists (100). */
const PEOPLE = 260;
let t: TestServer;
let browser: Browser;
let guest: Guest;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  t = await startTestServer({ staticDir: STATIC, name: 'Big room' });
  for (let i = 0; i < PEOPLE; i += 20) {
    const batch = Array.from({ length: Math.min(20, PEOPLE - i) }, (_, k) =>
      TestClient.join(t.server.url, `Zed${String(i + k).padStart(3, '0')}`),
    );
    await Promise.all((await Promise.all(batch)).map((c) => c.close()));
  }
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a directory bigger than the first screen', () => {
  it('searches people by name, a page at a time, and opens a DM with someone found', async () => {
    guest = await openGuest(browser, `${t.server.url}/`, 'Ada');
    await signIn(guest);
    const p = guest.page;
    const people = p.getByRole('region', { name: 'People' });
    // The count is the whole server, though only the first screen's people were sent.
    await people.getByText(`1 online of ${PEOPLE + 1}`).waitFor();
    await people.getByText(/more people: search to find them/).waitFor();
    const search = p.getByRole('searchbox', { name: 'Search people' });
    await search.fill('zed25');
    const found = p.getByRole('list', { name: 'People found' });
    await found.getByRole('button', { name: /^Zed259, offline\./ }).waitFor();
    await expect.poll(() => found.getByRole('listitem').count()).toBe(10);
    await screenshot(p, 'people-search');

    await search.fill('zed');
    await found.getByRole('button', { name: /^Zed029, offline\./ }).waitFor();
    expect(await found.getByRole('listitem').count()).toBe(30);
    await p.getByRole('button', { name: 'More people' }).click();
    await found.getByRole('button', { name: /^Zed059, offline\./ }).waitFor();
    expect(await found.getByRole('listitem').count()).toBe(60);

    await search.fill('Zed257');
    await found.getByRole('button', { name: /^Zed257, offline\./ }).click();
    await p.getByRole('heading', { name: 'Zed257' }).waitFor();
    await p.getByRole('textbox', { name: 'Message' }).fill('Hello from the directory');
    await p.getByRole('textbox', { name: 'Message' }).press('Enter');
    await log(p).getByText('Hello from the directory').waitFor();
    await screenshot(p, 'people-dm-from-search');
  }, 60_000);

  it('offers people the client has not met yet in the mention autocomplete', async () => {
    const p = guest.page;
    await p
      .getByRole('button', { name: /^general/ })
      .first()
      .click();
    const box = p.getByRole('textbox', { name: 'Message' });
    // Zed248 came in no page so far (welcome, "zed…" searches): only the server knows them.
    await box.pressSequentially('Ping @Zed248');
    const popup = p.getByRole('listbox', { name: 'Mention suggestions' });
    await popup.getByRole('option', { name: 'Zed248' }).waitFor();
    await screenshot(p, 'mention-from-directory');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Ping @Zed248 ');
    await box.fill('');
  }, 30_000);

  it('fits the search on a phone screen', async () => {
    const phone = await openGuest(browser, `${t.server.url}/`, 'Bea', {
      viewport: { width: 390, height: 844 },
    });
    await signIn(phone);
    const menu = phone.page.getByRole('button', { name: /open menu/i });
    if (await menu.count()) await menu.first().click();
    await phone.page.getByRole('searchbox', { name: 'Search people' }).fill('zed10');
    await phone.page
      .getByRole('list', { name: 'People found' })
      .getByRole('button', { name: /^Zed109, offline\./ })
      .waitFor();
    await screenshot(phone.page, 'people-search-phone');
    await phone.context.close();
  }, 60_000);
});

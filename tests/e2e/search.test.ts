import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { TestClient } from '../helpers/testClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { log, openGuest, PHONE, signIn } from './guests.js';

const STATIC = resolve('dist/renderer');
let t: TestServer;
let browser: Browser;
let url: string;
/** Messages in general before anyone opens it: the hit is far above the first page. */
const HISTORY = 300;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  t = await startTestServer({
    staticDir: STATIC,
    name: 'Search room',
    rateLimit: { perSecond: 100_000, burst: 100_000 },
  });
  url = `${t.server.url}/`;
  const writer = await TestClient.join(t.server.url, 'Wren');
  for (let i = 1; i <= HISTORY; i++) {
    const text =
      i === 12
        ? 'The zebra launch plan is in the shared drive'
        : i === 200
          ? 'Second zebra sighting near the office'
          : `routine update number ${i}`;
    await writer.say('r_general', text);
  }
  await writer.close();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('search in the web client', () => {
  it('finds a word, highlights it, and opens the room far back at that message', async () => {
    const g = await openGuest(browser, url, 'Sage');
    await signIn(g);
    await log(g.page).getByText(`routine update number ${HISTORY}`).waitFor();
    // Ctrl+F searches the open room: the box starts with its filter.
    await g.page.keyboard.press('Control+f');
    const box = g.page.getByRole('searchbox', { name: 'Search messages' });
    await expect.poll(() => box.inputValue()).toBe('in:#general ');
    await box.pressSequentially('zebra');
    await box.press('Enter');
    const panel = g.page.getByRole('region', { name: 'Search results' });
    await panel.getByRole('heading', { name: '2 results' }).waitFor();
    await expect.poll(() => panel.locator('mark', { hasText: /^zebra$/i }).count()).toBe(2);
    await screenshot(g.page, 'search-results');
    await g.page.getByRole('combobox', { name: 'Order results' }).selectOption('newest');
    const first = panel.getByRole('button', { name: /zebra launch plan/ });
    await expect
      .poll(() => panel.getByRole('listitem').first().textContent())
      .toMatch(/Second zebra sighting/);
    await first.click();
    const focused = log(g.page).locator('[data-focused="true"]');
    await focused.getByText('The zebra launch plan is in the shared drive').waitFor();
    await expect.poll(() => focused.isVisible()).toBe(true);
    // The newest messages are not loaded until one scrolls down to them.
    expect(await log(g.page).getByText(`routine update number ${HISTORY}`).count()).toBe(0);
    await screenshot(g.page, 'search-landed');
    expect(g.problems).toEqual([]);
    await g.context.close();
  });

  it('searches everywhere with Ctrl+Shift+F on a phone, and says when nothing matches', async () => {
    const g = await openGuest(browser, url, 'Reed', { viewport: PHONE });
    await signIn(g);
    await g.page.keyboard.press('Control+Shift+F');
    const box = g.page.getByRole('searchbox', { name: 'Search messages' });
    await expect.poll(() => box.inputValue()).toBe('');
    await box.fill('zebr from:@Wren');
    await box.press('Enter');
    const panel = g.page.getByRole('region', { name: 'Search results' });
    await panel.getByRole('heading', { name: '2 results' }).waitFor();
    await screenshot(g.page, 'search-results-phone');
    await box.fill('zebra in:#nowhere');
    await box.press('Enter');
    await panel.getByRole('alert').getByText('There is no room #nowhere.').waitFor();
    await box.fill('okapi');
    await box.press('Enter');
    await panel.getByText('Nothing found.').waitFor();
    expect(g.problems).toEqual([]);
    await g.context.close();
  });
});

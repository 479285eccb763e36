import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import {
  attach,
  cspViolations,
  distanceFromBottom,
  log,
  openGuest,
  pngBytes,
  send,
  signIn,
  type Guest,
} from './guests.js';

const STATIC = resolve('dist/renderer');
let t: TestServer;
let browser: Browser;
let url: string;
let alice: Guest;
let bob: Guest;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  t = await startTestServer({ staticDir: STATIC, name: 'Team room' });
  url = `${t.server.url}/`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const person = (p: Page, name: string, status: string) =>
  p.getByRole('button', { name: new RegExp(`^${name}(?: \\(you\\))?, ${status}\\.`) });
const messageBox = (p: Page) => p.getByRole('textbox', { name: 'Message' });

describe('the web client, two guests on a real server', () => {
  it('signs two guests in who chat in general', async () => {
    alice = await openGuest(browser, url, 'Alice');
    await alice.page.getByRole('heading', { name: 'Join Team room' }).waitFor();
    await screenshot(alice.page, 'name-screen');
    await signIn(alice);
    bob = await openGuest(browser, url, 'Bob');
    await signIn(bob);
    await send(alice, 'Hello **Bob**, welcome to _general_! See https://example.com');
    await log(bob.page).getByText('welcome to').waitFor();
    // Screen readers hear the arrival once, from a status region (the list itself stays quiet).
    await bob.page
      .getByRole('status')
      .filter({ hasText: 'Alice: Hello Bob, welcome to general! See https://example.com' })
      .waitFor({ state: 'attached' });
    await expect.poll(() => log(bob.page).locator('strong', { hasText: 'Bob' }).count()).toBe(1);
    await send(bob, 'Hi Alice, good to be here.');
    await send(bob, 'A second line from me\nwith a line break');
    await log(alice.page).getByText('with a line break').waitFor();
    await screenshot(alice.page, 'main-messages');
  });

  it('shows presence and typing to the other guest', async () => {
    await person(alice.page, 'Bob', 'online').waitFor();
    await person(bob.page, 'Alice', 'online').waitFor();
    await messageBox(alice.page).pressSequentially('I am typi', { delay: 20 });
    await bob.page.getByText('Alice is typing…').waitFor();
    await screenshot(bob.page, 'typing-indicator');
    await messageBox(alice.page).fill('');
    await bob.page.getByText('Alice is typing…').waitFor({ state: 'detached' });
    // Someone who leaves shows as offline.
    const carol = await openGuest(browser, url, 'Carol');
    await signIn(carol);
    await person(alice.page, 'Carol', 'online').waitFor();
    await carol.context.close();
    await person(alice.page, 'Carol', 'offline').waitFor();
  });

  it('reacts, mentions with completion, edits and deletes', async () => {
    const hello = log(bob.page).getByRole('article').filter({ hasText: 'welcome to' });
    await hello.hover();
    await hello.getByRole('button', { name: 'Add reaction' }).click();
    await bob.page.getByRole('button', { name: '👍', exact: true }).click();
    const thumbs = log(alice.page).getByRole('button', { name: /^👍 1, reacted by Bob/ });
    await thumbs.click();
    await log(bob.page)
      .getByRole('button', { name: /^👍 2, reacted by Bob, Alice/ })
      .waitFor();
    await screenshot(alice.page, 'reactions');

    await messageBox(bob.page).pressSequentially('Thanks @Al');
    const popup = bob.page.getByRole('listbox', { name: 'Mention suggestions' });
    await popup.getByRole('option', { name: 'Alice' }).waitFor();
    await screenshot(bob.page, 'mention-popup');
    await messageBox(bob.page).press('Enter');
    await expect.poll(() => messageBox(bob.page).inputValue()).toBe('Thanks @Alice ');
    await messageBox(bob.page).pressSequentially('for the tour');
    await messageBox(bob.page).press('Enter');
    await log(alice.page).locator('.mention-me', { hasText: '@Alice' }).waitFor();

    // Up on an empty composer edits the last own message; the other side sees "(edited)".
    // (Only stored messages can be edited: wait for the server's acknowledgement first.)
    await log(bob.page)
      .getByRole('article')
      .filter({ hasText: 'for the tour' })
      .getByText('Sending…')
      .waitFor({ state: 'detached' });
    await messageBox(bob.page).press('ArrowUp');
    await expect.poll(() => messageBox(bob.page).inputValue()).toBe('Thanks @Alice for the tour');
    await messageBox(bob.page).fill('Thanks @Alice for the great tour');
    await messageBox(bob.page).press('Enter');
    const edited = log(alice.page).getByRole('article').filter({ hasText: 'great tour' });
    await edited.getByText('(edited)').waitFor();

    const mine = log(bob.page).getByRole('article').filter({ hasText: 'A second line' });
    await mine.hover();
    await mine.getByRole('button', { name: 'Delete message' }).click();
    const confirm = bob.page.getByRole('dialog', { name: 'Delete message?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await log(alice.page).getByText('This message was deleted.').waitFor();
    await expect.poll(() => log(alice.page).getByText('A second line').count()).toBe(0);
  });

  it('opens a direct message from the people list, and switches rooms with Ctrl+K', async () => {
    await person(alice.page, 'Bob', 'online').click();
    await alice.page.getByRole('heading', { name: 'Bob', level: 1 }).waitFor();
    await send(alice, 'psst, a secret');
    const dmEntry = bob.page
      .getByRole('navigation')
      .getByRole('region', { name: 'Direct messages' })
      .getByRole('button', { name: /Alice/ });
    await dmEntry.getByLabel(/mention|unread/).waitFor();
    await screenshot(bob.page, 'dm-unread-badge');
    await dmEntry.click();
    await log(bob.page).getByText('psst, a secret').waitFor();
    await send(bob, 'secret received');
    await log(alice.page).getByText('secret received').waitFor();

    await alice.page.keyboard.press('Control+k');
    const switcher = alice.page.getByRole('dialog', { name: 'Switch room' });
    await switcher.getByRole('combobox', { name: 'Find a room' }).fill('gen');
    await screenshot(alice.page, 'room-switcher');
    await alice.page.keyboard.press('Enter');
    await alice.page.getByRole('heading', { name: 'general', level: 1 }).waitFor();
    await expect.poll(() => switcher.count()).toBe(0);
    // Alt+Down walks to the next room in the sidebar (the DM), Alt+Up back.
    await alice.page.keyboard.press('Alt+ArrowDown');
    await alice.page.getByRole('heading', { name: 'Bob', level: 1 }).waitFor();
    await alice.page.keyboard.press('Alt+ArrowUp');
    await alice.page.getByRole('heading', { name: 'general', level: 1 }).waitFor();
    await bob.page
      .getByRole('navigation')
      .getByRole('button', { name: /general/ })
      .click();
  });

  it('shares a file with progress, and the other guest downloads the same bytes', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 8)) & 255;
    // Slow the upload down so its progress bar can be seen.
    const cdp = await alice.context.newCDPSession(alice.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    await attach(alice.page, {
      name: 'report.bin',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    });
    const bar = alice.page.getByRole('progressbar', { name: 'Uploading report.bin' });
    await bar.waitFor();
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')))
      .toBeGreaterThan(0);
    await screenshot(alice.page, 'upload-progress');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const card = log(bob.page).getByRole('article').filter({ hasText: 'report.bin' });
    await card.getByText('3 MB').waitFor();
    const [download] = await Promise.all([
      bob.page.waitForEvent('download'),
      card.getByRole('button', { name: 'Download report.bin' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('report.bin');
    const saved = await readFile((await download.path())!);
    expect(saved.equals(bytes)).toBe(true);
    await screenshot(bob.page, 'file-card');

    // A second upload, canceled half-way: the card goes and nothing is shared.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    await attach(alice.page, {
      name: 'cancel-me.bin',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    });
    const second = alice.page.getByRole('progressbar', { name: 'Uploading cancel-me.bin' });
    await expect
      .poll(async () => Number(await second.getAttribute('aria-valuenow')))
      .toBeGreaterThan(0);
    await alice.page.getByRole('button', { name: 'Cancel upload of cancel-me.bin' }).click();
    await expect.poll(() => second.count()).toBe(0);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await alice.page.waitForTimeout(300);
    expect(await log(bob.page).getByText('cancel-me.bin').count()).toBe(0);
    expect(await log(alice.page).getByText('cancel-me.bin').count()).toBe(0);
  });

  it('previews a shared image inline and enlarges it', async () => {
    const png = await pngBytes(alice.page, 320, 200);
    await attach(alice.page, { name: 'sunset.png', mimeType: 'image/png', buffer: png });
    const img = log(bob.page).getByRole('img', { name: 'sunset.png' });
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);
    await log(bob.page).getByRole('button', { name: 'Open image sunset.png' }).click();
    const dialog = bob.page.getByRole('dialog', { name: 'sunset.png' });
    await dialog.getByRole('img', { name: 'sunset.png' }).waitFor();
    await screenshot(bob.page, 'image-preview');
    await bob.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('keeps a message written offline and delivers it exactly once', async () => {
    await bob.context.setOffline(true);
    onTestFinished(() => bob.context.setOffline(false));
    // Offline emulation blocks new connections but may leave an open socket alone: cut it.
    await bob.page.evaluate(() =>
      (window as unknown as { __sockets: WebSocket[] }).__sockets.forEach((s) => s.close()),
    );
    await bob.page
      .getByText('Offline — messages will be sent when you’re back')
      .or(bob.page.getByText("Offline — messages will be sent when you're back"))
      .waitFor();
    await send(bob, 'written while offline');
    const pending = log(bob.page).getByRole('article').filter({ hasText: 'written while offline' });
    await pending.getByText('Sending…').waitFor();
    // The newest row, status line included, is fully in view.
    await expect.poll(() => distanceFromBottom(bob.page)).toBeLessThan(2);
    await screenshot(bob.page, 'offline-banner');
    await bob.context.setOffline(false);
    await pending.getByText('Sending…').waitFor({ state: 'detached', timeout: 20_000 });
    await log(alice.page).getByText('written while offline').waitFor();
    await alice.page.waitForTimeout(500);
    expect(await log(alice.page).getByText('written while offline').count()).toBe(1);
    expect(await log(bob.page).getByText('written while offline').count()).toBe(1);
  });

  it('keeps history across a server restart', async () => {
    const port = Number(new URL(t.server.url).port);
    await t.restart({ port });
    await alice.page.reload();
    await log(alice.page).getByText('welcome to').waitFor({ timeout: 15_000 });
    await log(alice.page).getByText('written while offline').waitFor();
    await alice.page
      .getByRole('navigation')
      .getByRole('status')
      .filter({ hasText: /^Online$/ })
      .waitFor({ timeout: 15_000 });
    await send(alice, 'back after the restart');
    await log(bob.page).getByText('back after the restart').waitFor({ timeout: 20_000 });
  });

  it('renders hostile names, messages and file names as text', async () => {
    const mallory = await openGuest(browser, url, '<img src=x onerror=__xss=1>');
    await signIn(mallory);
    const payloads = [
      '<script>window.__xss=1</script>',
      '<img src=x onerror="window.__xss=1">',
      '[click](javascript:window.__xss=1)',
      '[click](JAVASCRIPT:window.__xss=1)',
      '[click](  javascript:window.__xss=1)',
      '[**[x](javascript:window.__xss=1)**](https://example.com)',
      '[data](data:text/html,<script>window.__xss=1</script>)',
    ];
    for (const p of payloads) await send(mallory, p);
    await attach(mallory.page, {
      name: '<img src=x onerror=__xss=1>.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hi'),
    });
    for (const g of [alice, bob]) {
      await log(g.page).getByText('<script>window.__xss=1</script>', { exact: true }).waitFor();
      await log(g.page).getByText('[click](javascript:window.__xss=1)', { exact: true }).waitFor();
      await log(g.page).getByRole('article').filter({ hasText: '.txt' }).waitFor();
      await expect
        .poll(() => log(g.page).getByText('<img src=x onerror=__xss=1>', { exact: true }).count())
        .toBeGreaterThan(0);
      expect(
        await g.page.locator('[role=log] script, [role=log] a[href^="javascript" i]').count(),
      ).toBe(0);
      expect(await g.page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    }
    await screenshot(alice.page, 'xss-as-text');
    expect(mallory.problems).toEqual([]);
    await mallory.context.close();
  });

  it('notifies a browser guest of a DM while another room is open', async () => {
    const dora = await openGuest(browser, url, 'Dora', { recordNotifications: true });
    await signIn(dora);
    await dora.page.getByRole('button', { name: 'Enable notifications' }).click();
    await expect
      .poll(() => dora.page.getByRole('button', { name: 'Enable notifications' }).count())
      .toBe(0);
    await person(alice.page, 'Dora', 'online').click();
    await alice.page.getByRole('heading', { name: 'Dora', level: 1 }).waitFor();
    await send(alice, 'ping **Dora**');
    const notes = () =>
      dora.page.evaluate(
        () => (window as unknown as { __notes: Array<{ title: string; body?: string }> }).__notes,
      );
    await expect.poll(notes).toEqual([{ title: 'Alice', body: 'ping Dora' }]);
    expect(dora.problems).toEqual([]);
    await dora.context.close();
    await alice.page
      .getByRole('navigation')
      .getByRole('button', { name: /general/ })
      .click();
  });

  it('follows the dark colour scheme, and nothing went wrong in either page', async () => {
    await alice.page.emulateMedia({ colorScheme: 'dark' });
    // "System" (the default theme) follows the change as it happens.
    await expect
      .poll(() => alice.page.evaluate(() => getComputedStyle(document.body).backgroundColor))
      .toBe('rgb(26, 27, 31)');
    await screenshot(alice.page, 'dark-theme');
    await alice.page.emulateMedia({ colorScheme: 'light' });
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
    // No eval anywhere in the bundle: the CSP refused nothing, in either page.
    expect(await cspViolations(alice.page)).toEqual([]);
    expect(await cspViolations(bob.page)).toEqual([]);
  });
});

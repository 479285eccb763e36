/**
 * The UI in desktop mode, driven by a scripted ChatApi (fakeParley.ts) in place of the preload:
 * hosting, several servers, a 100 000-message room, paging, outbox failures and upload limits.
 * The real engine and server are covered by app.test.ts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { installFakeParley, type FakeControl, type FakeOptions } from './fakeParley.js';
import { attach, log, sendPreview } from './guests.js';

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

async function open(opts: Partial<FakeOptions> = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(installFakeParley, {
    start: 'main',
    bigRoom: 10,
    maxUploadBytes: 1024 ** 3,
    ...opts,
  } satisfies FakeOptions);
  await page.goto(`${t.server.url}/`);
  page.on('close', () => expect(errors).toEqual([]));
  return page;
}

const calls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __fake: FakeControl }).__fake);
const sidebarRoom = (page: Page, name: RegExp) =>
  page.getByRole('navigation').getByRole('button', { name });
const listNodes = (page: Page) =>
  page.evaluate(() => document.querySelector('[role=log]')!.querySelectorAll('*').length);

describe('the desktop UI (scripted ChatApi)', () => {
  it('starts with host, join and recent servers; hosting leads to "Your name" and the chat', async () => {
    const page = await open({ start: 'start' });
    await page.getByRole('heading', { name: 'Host a room' }).waitFor();
    await page.getByRole('heading', { name: 'Join a server' }).waitFor();
    await page.getByRole('heading', { name: 'Recent servers' }).waitFor();
    expect(await page.getByLabel('Port').inputValue()).toBe('4747');
    await screenshot(page, 'start-screen');
    await page.getByLabel('Server address').fill('nope');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'No Parley server answered at https://nope:4747.' })
      .waitFor();
    // A first join shows the server's identity as words to compare with the host's screen.
    await page.getByLabel('Server address').fill('10.0.0.9');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('heading', { name: "Check the server's identity" }).waitFor();
    const words = page.getByRole('list', { name: 'Identity words' });
    expect(await words.getByRole('listitem').allTextContents()).toEqual([
      'cactus',
      'island',
      'tomato',
      'hazel',
      'saddle',
      'juggle',
      'bamboo',
      'salmon',
    ]);
    await screenshot(page, 'identity-check');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'identity-check-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Join a server' }).waitFor();
    await page.getByLabel('Server address').fill('10.0.0.9');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    // A server found on the network asks for the same check (an mDNS record proves nothing).
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Join Design at 10.0.0.9:4747' }).click();
    await page.getByRole('heading', { name: "Check the server's identity" }).waitFor();
    await page.getByRole('button', { name: 'The words match' }).click();
    await page.getByRole('heading', { name: 'Join a server' }).waitFor({ state: 'detached' });
    const joins = (await calls(page)).calls.filter((c) => c.name === 'join');
    expect(joins.map((c) => c.args)).toEqual([
      { url: 'nope' },
      { url: '10.0.0.9' },
      { url: '10.0.0.9' },
      { url: 'https://10.0.0.9:4747' },
      { url: 'https://10.0.0.9:4747', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    await page.close();
  });

  it('hosts a room and shows its identity words', async () => {
    const page = await open({ start: 'start' });
    await page.getByLabel('Server name').fill('Studio');
    await page.getByRole('button', { name: 'Host', exact: true }).click();
    await page.getByRole('heading', { name: 'Join Studio' }).waitFor();
    await screenshot(page, 'host-name-screen');
    await page.getByLabel('Your name').fill('Dana');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('heading', { name: 'general', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'https://192.168.1.20:4747/' }).waitFor();
    expect(await page.getByLabel('Identity words').textContent()).toBe(
      'cactus island tomato hazel saddle juggle bamboo salmon',
    );
    // An encrypted server shows no warning.
    expect(await page.getByRole('note').count()).toBe(0);
    await screenshot(page, 'host-screen-identity');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'host-screen-identity-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    const { calls: made } = await calls(page);
    expect(made.find((c) => c.name === 'host')?.args).toEqual({ name: 'Studio', port: 4747 });
    expect(made.find((c) => c.name === 'signIn')?.args).toMatchObject({
      serverId: 'sv_hosted',
      name: 'Dana',
    });
    await page.close();
  });

  it('shows servers, badges, muted rooms, formatting and the outbox', async () => {
    const page = await open();
    await log(page).getByText('release notes').waitFor();
    const nav = page.getByRole('navigation');
    await nav
      .getByRole('group', { name: 'Servers' })
      .getByRole('button', { name: /Home lab/ })
      .waitFor();
    await sidebarRoom(page, /random/)
      .getByLabel('2 mentions')
      .waitFor();
    await expect
      .poll(() => sidebarRoom(page, /design/).getAttribute('class'))
      .toContain('muted-room');
    await page.getByRole('alert').filter({ hasText: 'Not a member of this room' }).waitFor();
    await screenshot(page, 'desktop-main');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect
      .poll(async () => (await calls(page)).calls.find((c) => c.name === 'retryMessage')?.args)
      .toMatchObject({ clientId: 'c-failed' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'desktop-main-dark');
    await page.close();
  });

  it('edits with Up and cancels with Esc; browses and joins rooms', async () => {
    const page = await open();
    const box = page.getByRole('textbox', { name: 'Message' });
    await log(page).getByText('release notes').waitFor();
    await box.press('ArrowUp');
    await expect.poll(() => box.inputValue()).toBe('On it');
    await page.getByText('Editing message').waitFor();
    await box.press('Escape');
    await expect.poll(() => box.inputValue()).toBe('');
    await expect.poll(() => page.getByText('Editing message').count()).toBe(0);

    await page.getByRole('button', { name: 'Insert emoji' }).click();
    await page.getByRole('group', { name: 'Insert emoji' }).waitFor();
    await screenshot(page, 'emoji-picker');
    await page
      .getByRole('group', { name: 'Insert emoji' })
      .getByRole('button', { name: '🎉' })
      .click();
    await expect.poll(() => box.inputValue()).toBe('🎉');
    await box.fill('');
    const failed = log(page).getByRole('article').filter({ hasText: 'Deploy went fine' });
    await failed.hover();
    await failed.getByRole('toolbar').getByRole('button', { name: 'Add reaction' }).click();
    await screenshot(page, 'reaction-picker');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('group', { name: 'Choose a reaction' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Browse rooms' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Browse rooms' });
    await dialog.getByText('What we listen to').waitFor();
    await screenshot(page, 'browse-rooms');
    await dialog.getByRole('button', { name: 'Join music' }).click();
    await expect
      .poll(async () => (await calls(page)).calls.find((c) => c.name === 'joinRoom')?.args)
      .toMatchObject({ roomId: 'r_music001' });
    await page.close();
  });

  it('refuses a file over the server limit before uploading it', async () => {
    const page = await open({ maxUploadBytes: 1000 });
    await log(page).getByText('release notes').waitFor();
    await attach(
      page,
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(5000) },
      { send: false },
    );
    await page
      .getByRole('alert')
      .filter({ hasText: 'this server accepts files up to 1000 B' })
      .waitFor();
    expect((await calls(page)).uploads).toEqual([]);
    await screenshot(page, 'upload-too-big');
    await page.close();
  });

  it('takes files by drag and drop and by paste; Shift+Enter breaks lines; Tab completes', async () => {
    const page = await open();
    await log(page).getByText('release notes').waitFor();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['hello'], 'dropped.txt', { type: 'text/plain' }));
      const room = document.querySelector('.room')!;
      for (const type of ['dragenter', 'dragover'])
        room.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }),
        );
    });
    await page.locator('.drop-overlay', { hasText: 'Drop to share in #general' }).waitFor();
    await screenshot(page, 'drop-overlay');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['hello'], 'dropped.txt', { type: 'text/plain' }));
      document
        .querySelector('.room')!
        .dispatchEvent(
          new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }),
        );
    });
    await expect.poll(() => page.locator('.drop-overlay').count()).toBe(0);
    // Nothing is sent before the preview's Send.
    await page.getByRole('dialog', { name: 'Send “dropped.txt”' }).waitFor();
    await screenshot(page, 'upload-preview-dropped');
    expect((await calls(page)).uploads).toEqual([]);
    await sendPreview(page);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.evaluate((el) => {
      const dt = new DataTransfer();
      dt.items.add(
        new File([new Uint8Array([137, 80, 78, 71])], 'pasted.png', { type: 'image/png' }),
      );
      el.dispatchEvent(
        new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt }),
      );
    });
    await page.getByRole('dialog', { name: 'Send “pasted.png”' }).waitFor();
    await sendPreview(page);
    await expect
      .poll(async () => (await calls(page)).uploads)
      .toEqual(['dropped.txt', 'pasted.png']);

    await box.pressSequentially('first');
    await box.press('Shift+Enter');
    await box.pressSequentially('second @');
    await page.getByRole('listbox', { name: 'Mention suggestions' }).waitFor();
    await box.press('ArrowDown');
    await box.press('Tab');
    expect(await box.inputValue()).toBe('first\nsecond @Bob ');
    expect((await calls(page)).calls.some((c) => c.name === 'sendMessage')).toBe(false);
    await box.press('Enter');
    await expect
      .poll(async () => (await calls(page)).calls.find((c) => c.name === 'sendMessage')?.args)
      .toMatchObject({ text: 'first\nsecond @Bob' });
    expect(await box.inputValue()).toBe('');
    await page.close();
  });

  it('keeps the DOM small in a room of 100 000 messages', async () => {
    const page = await open({ bigRoom: 100_000 });
    await sidebarRoom(page, /^big/).click();
    await log(page).getByText('Message #100000 ', { exact: false }).waitFor();
    expect(await listNodes(page)).toBeLessThan(300);
    // Scroll far back: the list still holds only what is near the viewport.
    const scroller = log(page).locator('[data-virtuoso-scroller]');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForTimeout(300);
    await expect
      .poll(() =>
        log(page)
          .getByText(/Message #\d+ /)
          .count(),
      )
      .toBeGreaterThan(3);
    expect(await listNodes(page)).toBeLessThan(300);
    await screenshot(page, 'big-room');
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await log(page).getByText('Message #100000 ', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Jump to latest' }).count()).toBe(0);
    await page.close();
  });

  it('loads older pages on scroll-back without moving what is on screen', async () => {
    const page = await open();
    await sidebarRoom(page, /^paged/).click();
    await log(page).getByText('Paged message 250', { exact: true }).waitFor();
    const scroller = log(page).locator('[data-virtuoso-scroller]');
    const loadOlderCalls = async () =>
      (await calls(page)).calls.filter((c) => c.name === 'loadOlder').length;
    const shown = (n: number) => log(page).getByText(`Paged message ${n}`, { exact: true }).count();
    // Jump to the top of what is loaded (message 101) in one step: reaching it asks for the
    // previous page, and nothing may scroll after that for the check below.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(loadOlderCalls).toBe(1);
    // The message that was at the top is still in view after the page was prepended above it.
    const anchor = log(page).getByText('Paged message 101', { exact: true });
    await page.waitForTimeout(300);
    const box = await anchor.boundingBox();
    const view = await scroller.boundingBox();
    expect({
      box,
      view,
      inView: !!box && !!view && box.y >= view.y - 40 && box.y <= view.y + view.height,
    }).toMatchObject({ inView: true });
    // And the older page is there above it.
    for (let i = 0; i < 30 && (await shown(60)) === 0; i++) {
      await scroller.evaluate((el) => el.scrollBy(0, -300));
      await page.waitForTimeout(30);
    }
    expect(await shown(60)).toBe(1);
    await page.close();
  });
});

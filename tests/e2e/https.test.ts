/**
 * A browser guest over https: Chromium trusts exactly the test server's certificate (by its
 * public key's hash), signs in, chats over wss; plain http is redirected; a browser that does not
 * trust the certificate is stopped by it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, launchChromiumTrusting, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { openGuest, signIn } from './guests.js';

const STATIC = resolve('dist/renderer');
let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  t = await startTestServer({ staticDir: STATIC, name: 'Secure room', tls: 'auto' });
  browser = await launchChromiumTrusting(t.server);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the web client over https', () => {
  it('signs a guest in over https and wss, without the "not encrypted" warning', async () => {
    const guest = await openGuest(browser, `${t.server.url}/`, 'Tessa');
    expect(guest.page.url()).toBe(`${t.server.url}/`);
    await signIn(guest);
    await guest.page.getByRole('textbox', { name: 'Message' }).fill('over tls');
    await guest.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await guest.page.getByText('over tls').waitFor();
    expect(
      await guest.page.evaluate(() =>
        (window as unknown as { __sockets: WebSocket[] }).__sockets.map((s) => s.url),
      ),
    ).toEqual([expect.stringMatching(/^wss:\/\/127\.0\.0\.1:\d+\/ws/)]);
    expect(await guest.page.getByRole('note').count()).toBe(0);
    expect(guest.problems).toEqual([]);
    await guest.context.close();
  });

  it('sends a browser that typed http:// to the https page', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.server.url.replace('https:', 'http:')}/`);
    expect(page.url()).toBe(`${t.server.url}/`);
    await page.getByRole('heading', { name: 'Join Secure room' }).waitFor();
    await screenshot(page, 'https-guest-start');
    await page.close();
  });

  it('is stopped by the certificate in a browser that does not trust it', async () => {
    const plain = await launchChromium();
    try {
      const page = await plain.newPage();
      const err = await page.goto(`${t.server.url}/`).catch((e: unknown) => e);
      expect(String(err)).toMatch(/ERR_CERT_AUTHORITY_INVALID|ERR_CERT/);
    } finally {
      await plain.close();
    }
  });
});

/** Signing in as a browser guest to a server with a password, and with a name already taken. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer } from '../helpers/testServer.js';
import { openGuest } from './guests.js';

const STATIC = resolve('dist/renderer');
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in to a server with a password', () => {
  it('asks for the password up front, refuses a wrong one, and refuses a name already taken', async () => {
    const locked = await startTestServer({ staticDir: STATIC, name: 'Locked', password: 'sesame' });
    try {
      const erin = await openGuest(browser, `${locked.server.url}/`, 'Erin');
      // /api/health says the server has a password: the field is there before any refusal.
      const password = erin.page.getByLabel('Server password');
      await password.waitFor();
      await erin.page.getByLabel('Your name').fill('Erin');
      await password.fill('wrong');
      await password.press('Enter');
      await erin.page
        .getByRole('alert')
        .filter({ hasText: /password/i })
        .waitFor();
      await screenshot(erin.page, 'password-needed');
      await password.fill('sesame');
      await password.press('Enter');
      await erin.page.getByRole('textbox', { name: 'Message' }).waitFor();

      const other = await openGuest(browser, `${locked.server.url}/`, 'Erin');
      await other.page.getByLabel('Your name').fill('erin');
      await other.page.getByLabel('Your name').press('Enter');
      await other.page.getByLabel('Server password').fill('sesame');
      await other.page.getByLabel('Server password').press('Enter');
      await other.page
        .getByRole('alert')
        .filter({ hasText: /taken|in use/i })
        .waitFor();
      await screenshot(other.page, 'name-taken');
      expect(erin.problems).toEqual([]);
      expect(other.problems).toEqual([]);
      await erin.context.close();
      await other.context.close();
    } finally {
      await locked.close();
    }
  });
});

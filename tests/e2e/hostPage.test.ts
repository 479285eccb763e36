import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const STATIC = resolve('dist/renderer');
let t: TestServer;
let browser: Browser;
let foreign: Server;
let foreignUrl: string;

beforeAll(async () => {
  if (!existsSync(`${STATIC}/index.html`))
    throw new Error('dist/renderer is missing: run "npm run build" first (npm test does).');
  t = await startTestServer({ staticDir: STATIC, name: 'Team room' });
  browser = await launchChromium();
  // A page on another origin, standing in for a malicious site a LAN user might visit.
  foreign = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  foreign?.close();
  await t?.close();
});

/** Opens a WebSocket to the Parley server from inside the page and reports what happened. */
const probe = (wsUrl: string) =>
  new Promise<string>((done) => {
    const ws = new WebSocket(wsUrl);
    ws.onopen = () =>
      ws.send(
        JSON.stringify({
          type: 'hello',
          id: 'h1',
          protocol: 2,
          name: `Guest${Math.floor(Math.random() * 1e6)}`,
        }),
      );
    ws.onmessage = (e) => {
      // The server may batch frames into one array message.
      const data = JSON.parse(String(e.data)) as { type: string } | Array<{ type: string }>;
      ws.close();
      done((Array.isArray(data) ? data[0]! : data).type);
    };
    ws.onerror = () => done('refused');
  });

describe('the host in a real browser', () => {
  it('serves the web client with a strict CSP, which asks a guest for a name on this server', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // A CSP violation (an inline script or style the policy refuses) is reported here.
      if (m.type() === 'error') errors.push(m.text());
    });
    const res = await page.goto(`${t.server.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Join Team room' }).waitFor();
    await page.getByLabel('Your name').waitFor();
    expect(errors).toEqual([]);
    await screenshot(page, 'host-start');
    // Unknown paths fall back to the app (client-side routes), API paths do not.
    expect((await page.goto(`${t.server.url}/rooms/general`))?.status()).toBe(200);
    expect((await page.goto(`${t.server.url}/api/nope`))?.status()).toBe(404);
    await page.close();
  });

  it('lets the page open the chat socket from its own origin, and refuses other origins', async () => {
    const wsUrl = `${t.server.url.replace('http', 'ws')}/ws`;
    const page = await browser.newPage();
    await page.goto(`${t.server.url}/`);
    expect(await page.evaluate(probe, wsUrl)).toBe('welcome');
    await page.goto(foreignUrl);
    expect(await page.evaluate(probe, wsUrl)).toBe('refused');
    await page.close();
  });
});

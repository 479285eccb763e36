import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from './chromium.js';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type Message } from '../shared/protocol/index.js';
import { Store } from '../electron/server/store/store.js';
import { spawnServer, type ServerChild } from './child.js';
import {
  countNodes,
  installProbe,
  LIST_SELECTORS,
  scrollUp,
  type PageProbe,
} from './renderProbe.js';
import { percentile, round } from './stats.js';

/** The web client showing a big room in Chromium. NaN where the UI did not get that far. */
export interface RenderResult {
  messages: number;
  /** Enter in "Your name" → the newest message on screen (registration, history, render). */
  signInToRoomMs: number;
  /** Click on general in the sidebar, coming from another room → the newest message on screen. */
  switchToRoomMs: number;
  /** Reload, already signed in → the newest message on screen (includes loading the app). */
  reloadToRoomMs: number;
  list: string;
  listNodes: number;
  documentNodes: number;
  scrollFrameP50ms: number;
  scrollFrameP99ms: number;
  scrollFrameMaxMs: number;
  /** How many messages back from the newest the scroll got. */
  scrolledMessages: number;
  /** The element that was scrolled. */
  scroller: string;
  missing: string;
}

/** The built web client (npm run build:renderer), next to this file's dist/node folder. */
const STATIC_DIR = fileURLToPath(new URL('../../renderer', import.meta.url));
/** Debian's Chromium with the flags the e2e tests use (tests/helpers/browser.ts). */
/** Pixels scrolled up per frame: 7,200 px/s at 60 Hz, a brisk fling through history. */
export const SCROLL_STEP = 120;
const WORDS =
  'the a we ship it today review tests build lunch later fix bug deploy ok thanks sure'.split(' ');

/** A message text `#<seq> …` of 20–300 characters, so rows have different heights. */
function text(seq: number): string {
  let s = `#${seq} `;
  const len = 20 + ((seq * 7919) % 281);
  for (let i = seq; s.length < len; i = (i * 31 + 7) % 9973) s += `${WORDS[i % WORDS.length]} `;
  return s.slice(0, len);
}

/** Registers a user over the real socket and returns its id. */
async function register(url: string, name: string): Promise<string> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`);
  await new Promise((r) => ws.once('open', r));
  const id = await new Promise<string>((resolve) => {
    ws.on('message', (data: Buffer) => {
      const parsed = JSON.parse(data.toString()) as unknown;
      for (const f of [parsed].flat() as Array<{ type: string; user?: { id: string } }>)
        if (f.type === 'welcome') resolve(f.user!.id);
    });
    ws.send(JSON.stringify({ type: 'hello', id: 'h', protocol: PROTOCOL_VERSION, name }));
  });
  ws.close();
  return id;
}

/**
 * Two real users registered through the server, then `n` messages by them written straight
 * into the general room's segment files (the store's seeding path: the same files the server
 * writes, minutes faster than sending them).
 */
async function seed(dir: string, n: number): Promise<void> {
  const server = await spawnServer({ kind: 'parley', dataDir: dir, durable: false });
  const authors = [await register(server.url, 'Ada'), await register(server.url, 'Grace')];
  await server.stop();
  const store = await Store.open({ dir, durable: false });
  const t0 = Date.now() - n * 60_000;
  await store.messages.seed('r_general', n, (seq): Message => ({
    roomId: 'r_general',
    seq,
    ts: t0 + seq * 60_000,
    authorId: authors[seq % 7 < 4 ? 0 : 1]!,
    clientId: `seed${seq}`,
    text: text(seq),
    reactions: {},
  }));
  await store.close();
}

/** Waits for the probe to see the marker; the time from the last action (or navigation). */
async function shown(page: Page, timeoutMs: number): Promise<number> {
  try {
    await page.waitForFunction(
      () => !Number.isNaN((window as { __bench?: PageProbe }).__bench?.shown ?? NaN),
      undefined,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch {
    return NaN;
  }
  return page.evaluate(() => {
    const b = (window as { __bench?: PageProbe }).__bench!;
    return b.shown - b.start;
  });
}

/** Opens the app, signs in and waits for the room: the time from Enter to its newest message. */
async function openRoom(browser: Browser, url: string, n: number) {
  const missing: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(installProbe, `#${n} `);
  await page.goto(url);
  const name = page.getByLabel('Your name');
  try {
    await name.waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    missing.push('no field labelled "Your name"');
    return { page, missing, signIn: NaN };
  }
  await name.fill('Bench reader');
  await name.press('Enter');
  let signIn = await shown(page, 15_000);
  if (Number.isNaN(signIn)) {
    // The room may not open by itself: open it from the room list, and time that click.
    const room = page
      .getByRole('link', { name: /general/i })
      .or(page.getByRole('button', { name: /general/i }));
    try {
      await room.first().click({ timeout: 5_000 });
      signIn = await shown(page, 15_000);
    } catch {
      missing.push('no "general" room to open');
    }
    if (Number.isNaN(signIn)) missing.push(`the newest message ("#${n} …") never showed`);
  }
  return { page, missing, signIn };
}

/**
 * From another room (a DM with Ada) back to general: the click on the sidebar button to the
 * newest message on screen again. NaN (and a note) where the UI has no such buttons.
 */
async function switchBack(page: Page, n: number, missing: string[]): Promise<number> {
  const nav = page.getByRole('navigation');
  try {
    await nav
      .getByRole('button', { name: /^Ada\b.*direct message/i })
      .first()
      .click({ timeout: 5_000 });
    // The other room is up once the marker has left the screen.
    await page.waitForFunction(
      (marker) =>
        !document.evaluate(
          `//*[contains(text(), ${JSON.stringify(marker)})]`,
          document,
          null,
          XPathResult.FIRST_ORDERED_NODE_TYPE,
          null,
        ).singleNodeValue,
      `#${n} `,
      { timeout: 5_000 },
    );
    await page.waitForTimeout(300);
    await nav
      .getByRole('button', { name: /general/i })
      .first()
      .click({ timeout: 5_000 });
  } catch {
    missing.push('no sidebar buttons for a DM with Ada and back to general');
    return NaN;
  }
  return shown(page, 15_000);
}

/**
 * Seeds a data directory with `n` messages, serves the built web client from the real server,
 * signs in from Chromium and opens the room, switches away and back, counts what the list puts
 * in the DOM, scrolls up through history for `seconds`, and reloads (signed in) to time the app
 * coming back.
 */
export async function runRender(n: number, seconds: number): Promise<RenderResult> {
  const result: RenderResult = {
    messages: n,
    signInToRoomMs: NaN,
    switchToRoomMs: NaN,
    reloadToRoomMs: NaN,
    list: 'not found',
    listNodes: NaN,
    documentNodes: NaN,
    scrollFrameP50ms: NaN,
    scrollFrameP99ms: NaN,
    scrollFrameMaxMs: NaN,
    scrolledMessages: NaN,
    scroller: 'none',
    missing: '',
  };
  if (!existsSync(join(STATIC_DIR, 'index.html'))) {
    result.missing = `${STATIC_DIR} is not built (npm run build:renderer)`;
    return result;
  }
  if (!existsSync(CHROMIUM)) {
    result.missing = `${CHROMIUM} is missing`;
    return result;
  }
  const dir = await mkdtemp(join(tmpdir(), 'parley-render-'));
  let browser: Browser | undefined;
  let server: ServerChild | undefined;
  try {
    await seed(dir, n);
    server = await spawnServer({
      kind: 'parley',
      dataDir: dir,
      durable: true,
      staticDir: STATIC_DIR,
    });
    browser = await launchChromium();
    const { page, missing, signIn } = await openRoom(browser, server.url, n);
    result.signInToRoomMs = round(signIn, 0);
    if (!Number.isNaN(signIn)) {
      result.switchToRoomMs = round(await switchBack(page, n, missing), 0);
      Object.assign(result, await page.evaluate(countNodes, LIST_SELECTORS));
      const trace = await page.evaluate(scrollUp, {
        ms: seconds * 1000,
        step: SCROLL_STEP,
        selectors: LIST_SELECTORS,
      });
      if (trace.deltas.length === 0) missing.push('no frames while scrolling');
      result.scrollFrameP50ms = round(percentile(trace.deltas, 50));
      result.scrollFrameP99ms = round(percentile(trace.deltas, 99));
      result.scrollFrameMaxMs = round(Math.max(...trace.deltas));
      result.scroller = trace.scroller;
      result.scrolledMessages = Number.isFinite(trace.oldestSeen) ? n - trace.oldestSeen : NaN;
      if (!(result.scrolledMessages > 0))
        missing.push(`scrolling ${trace.scroller} loaded no older messages`);
      await page.reload();
      result.reloadToRoomMs = round(await shown(page, 15_000), 0);
      if (Number.isNaN(result.reloadToRoomMs))
        missing.push('a reload does not come back signed in to the room');
    }
    result.missing = missing.join('; ');
    return result;
  } finally {
    await browser?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

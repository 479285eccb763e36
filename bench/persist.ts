import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type Message } from '../shared/protocol/index.js';
import { Store } from '../electron/server/store/store.js';
import { spawnServer } from './child.js';
import { openPeer } from './peers.js';
import { percentile, round } from './stats.js';

/** Persistence measured with `stored` messages already in the room. */
export interface PersistResult {
  stored: number;
  coldStartMs: number;
  appendP50ms: number;
  appendP99ms: number;
  fanoutP99ms: number;
  eldMaxMs: number;
  historyP50ms: number;
  historyP99ms: number;
  /** The newest page, asked for again and again. */
  newestP99ms: number;
  /** Pages from random depths (uniform over the whole history), a fresh depth each time. */
  deepP50ms: number;
  deepP99ms: number;
  /** Server CPU seconds per history page, random depths. */
  deepCpuMsPerPage: number;
}

const fakeMessage = (seq: number): Message => ({
  roomId: 'r_general',
  seq,
  ts: 1_700_000_000_000 + seq,
  authorId: 'u_seededauthor',
  clientId: `seed${seq}`,
  text: `seeded message number ${seq} `.padEnd(100, 'x'),
  reactions: {},
});

/** A minimal request/response client for acks and history. */
async function requester(url: string, name: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`);
  await new Promise((r) => ws.once('open', r));
  const waiting = new Map<string, (f: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const parsed = JSON.parse(data.toString()) as unknown;
    for (const f of (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ replyTo?: string }>) {
      if (f.replyTo) waiting.get(f.replyTo)?.(f);
    }
  });
  let n = 0;
  const request = (frame: object) =>
    new Promise<unknown>((resolve) => {
      const id = `q${++n}`;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ ...frame, id }));
    });
  await request({ type: 'hello', protocol: PROTOCOL_VERSION, name });
  return { ws, request };
}

/** Seeds `stored` messages, starts the host cold, then measures appends, fan-out and history. */
export async function runPersist(
  stored: number,
  appends: number,
  deepPages = 200,
): Promise<PersistResult> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-persist-'));
  try {
    const store = await Store.open({ dir, durable: false });
    await store.messages.seed('r_general', stored, fakeMessage);
    await store.close();
    const server = await spawnServer({ kind: 'parley', dataDir: dir, durable: true });
    const sender = await requester(server.url, 'writer');
    const watcher = await openPeer(server.url, 'parley', 'watcher', true);
    // Warm up (JIT, first segment loads) so the figures describe steady state at each size.
    for (let i = 0; i < 20; i++)
      await sender.request({
        type: 'message:send',
        roomId: 'r_general',
        clientId: `w${i}`,
        text: 'warm-up',
      });
    await server.reset();
    watcher.latencies!.length = 0;
    const append: number[] = [];
    for (let i = 0; i < appends; i++) {
      const t0 = performance.now();
      await sender.request({
        type: 'message:send',
        roomId: 'r_general',
        clientId: `a${i}`,
        text: `m@${t0.toFixed(3)};`.padEnd(100, 'x'),
      });
      append.push(performance.now() - t0);
    }
    const history: number[] = [];
    for (let i = 0; i < 50; i++) {
      const before = 1 + Math.floor((((i * 7919) % 1000) / 1000) * stored);
      const t0 = performance.now();
      await sender.request({
        type: 'history',
        roomId: 'r_general',
        before: Math.max(before, 2),
        limit: 50,
      });
      history.push(performance.now() - t0);
    }
    const newest: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await sender.request({ type: 'history', roomId: 'r_general', limit: 50 });
      newest.push(performance.now() - t0);
    }
    // Random depths from a fixed-seed generator, so runs read the same pages.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const deep: number[] = [];
    const cpu0 = server.cpuSeconds();
    for (let i = 0; i < deepPages; i++) {
      const before = 2 + Math.floor(random() * stored);
      const t0 = performance.now();
      await sender.request({ type: 'history', roomId: 'r_general', before, limit: 50 });
      deep.push(performance.now() - t0);
    }
    const deepCpu = server.cpuSeconds() - cpu0;
    const stats = await server.stats();
    sender.ws.close();
    watcher.ws.close();
    await server.stop();
    return {
      stored,
      coldStartMs: round(server.startMs, 0),
      appendP50ms: round(percentile(append, 50)),
      appendP99ms: round(percentile(append, 99)),
      fanoutP99ms: round(percentile(watcher.latencies ?? [], 99)),
      eldMaxMs: round(stats.eldMaxMs),
      historyP50ms: round(percentile(history, 50)),
      historyP99ms: round(percentile(history, 99)),
      newestP99ms: round(percentile(newest, 99)),
      deepP50ms: round(percentile(deep, 50)),
      deepP99ms: round(percentile(deep, 99)),
      deepCpuMsPerPage: round((deepCpu * 1000) / deepPages),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Baseline: one lowdb JSON file holding every message, written after each append. */
export async function runSingleFileBaseline(
  stored: number,
  appends: number,
): Promise<{ stored: number; writeP50ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-naive-'));
  try {
    const db = new Low<{ messages: Message[] }>(new JSONFile(join(dir, 'db.json')), {
      messages: [],
    });
    for (let s = 1; s <= stored; s++) db.data.messages.push(fakeMessage(s));
    await db.write();
    const times: number[] = [];
    for (let i = 0; i < appends; i++) {
      db.data.messages.push(fakeMessage(stored + i + 1));
      const t0 = performance.now();
      await db.write();
      times.push(performance.now() - t0);
    }
    return { stored, writeP50ms: round(percentile(times, 50)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

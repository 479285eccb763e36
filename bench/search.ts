/**
 * Search at scale: seeds a history, starts Parley on it (the index is rebuilt from the log in
 * its worker), then times queries over the WebSocket against a plain scan of the log, appends
 * with and without the index, and a restart from the saved index.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../shared/protocol/index.js';
import { createLogger } from '../shared/log.js';
import { startServer, type ParleyServer } from '../electron/server/server.js';
import { Store } from '../electron/server/store/store.js';
import { benchAuthors, benchRooms, rng, seedHistory, sentence, vocabulary } from './searchData.js';
import { percentile, round } from './stats.js';

/** Figures of one search run. */
export interface SearchBenchResult {
  stored: number;
  indexBuildMs: number;
  indexRssMB: number;
  workerHeapMB: number;
  buildEldMaxMs: number;
  indexLoadMs: number;
  oneWordP99ms: number;
  twoWordsP99ms: number;
  filteredP99ms: number;
  p99ms: number;
  scanMs: number;
  vsScan: number;
  appendP99msOff: number;
  appendP99msOn: number;
  appendRatio: number;
}

const ROOMS = 10;

function procKb(field: string): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
}
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function client(url: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`);
  await new Promise((r) => ws.once('open', r));
  const waiting = new Map<string, (f: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const parsed = JSON.parse(data.toString()) as unknown;
    for (const f of (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ replyTo?: string }>)
      if (f.replyTo) waiting.get(f.replyTo)?.(f);
  });
  let n = 0;
  const request = (frame: object) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = `q${++n}`;
      waiting.set(id, (f) => {
        waiting.delete(id);
        resolve(f as Record<string, unknown>);
      });
      ws.send(JSON.stringify({ ...frame, id }));
    });
  await request({ type: 'hello', protocol: PROTOCOL_VERSION, name: `searcher${Date.now()}` });
  for (const roomId of benchRooms(ROOMS)) await request({ type: 'room:join', roomId });
  return { ws, request };
}

async function open(dir: string, search: boolean): Promise<ParleyServer> {
  return startServer({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    staticDir: null,
    durable: true,
    search,
    rateLimit: { perSecond: 1e9, burst: 1e9 },
    logger: createLogger('bench', 'error'),
  });
}

async function appends(server: ParleyServer, n: number, tag: string): Promise<number> {
  const c = await client(server.url);
  const times: number[] = [];
  const words = vocabulary();
  const rnd = rng(99);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await c.request({
      type: 'message:send',
      roomId: 'r_bench00',
      clientId: `${tag}${i}`,
      text: sentence(words, rnd),
    });
    times.push(performance.now() - t0);
  }
  c.ws.close();
  return percentile(times, 99);
}

/** The baseline: read every stored message of every room and test its text. */
async function scan(server: ParleyServer, word: string): Promise<number> {
  const t0 = performance.now();
  let found = 0;
  for (const roomId of benchRooms(ROOMS)) {
    const last = server.store.messages.lastSeq(roomId);
    for (let from = 1; from <= last; from += 500) {
      for (const m of await server.store.messages.range(roomId, from, from + 499))
        if (m.text.toLowerCase().includes(word)) found++;
    }
  }
  if (found < 0) throw new Error('unreachable');
  return performance.now() - t0;
}

/** Runs the whole search benchmark on `stored` messages. */
export async function runSearch(stored: number, queries: number): Promise<SearchBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-search-'));
  try {
    const seedStore = await Store.open({ dir, durable: false });
    await seedHistory(seedStore, stored, ROOMS);
    await seedStore.close();
    gc();
    const rssBefore = procKb('VmRSS');
    writeFileSync('/proc/self/clear_refs', '5'); // restart the peak-RSS count from here
    const eld = monitorEventLoopDelay({ resolution: 1 });
    let server = await open(dir, true);
    // From listening on: the index builds in its worker while the server serves.
    eld.enable();
    const ready = await server.search!.ready;
    eld.disable();
    const indexRssMB = (procKb('VmHWM') - rssBefore) / 1024;
    const workerHeapMB = (await server.search!.stats()).heapUsedMB;

    const c = await client(server.url);
    const words = vocabulary();
    const rnd = rng(5);
    const word = () => words[500 + Math.floor(rnd() * 5000)]!;
    const time = async (frame: () => object) => {
      const t: number[] = [];
      for (let i = 0; i < queries; i++) {
        const f = frame();
        const t0 = performance.now();
        const reply = await c.request(f);
        t.push(performance.now() - t0);
        if (reply.type !== 'search') throw new Error(`search failed: ${JSON.stringify(reply)}`);
      }
      return percentile(t, 99);
    };
    const one = await time(() => ({ type: 'search', text: word() }));
    const two = await time(() => {
      // Two words that occur together: taken from a made-up message of the same distribution.
      const s = sentence(words, rnd).split(' ');
      return { type: 'search', text: `${s[0]} ${s[1]}` };
    });
    const filtered = await time(() => ({
      type: 'search',
      text: word(),
      authorIds: [benchAuthors[Math.floor(rnd() * benchAuthors.length)]],
      sort: 'newest',
    }));
    c.ws.close();
    const scans: number[] = [];
    for (let i = 0; i < 3; i++) scans.push(await scan(server, word()));
    const scanMs = percentile(scans, 50);
    const p99 = Math.max(one, two, filtered);
    const appendOn = await appends(server, 300, 'on');
    await server.stop();

    server = await open(dir, false);
    const appendOff = await appends(server, 300, 'off');
    await server.stop();

    server = await open(dir, true);
    const reloaded = await server.search!.ready;
    await server.stop();
    return {
      stored,
      indexBuildMs: round(ready.ms, 0),
      indexRssMB: round(indexRssMB, 0),
      workerHeapMB: round(workerHeapMB, 0),
      buildEldMaxMs: round(eld.max / 1e6),
      indexLoadMs: round(reloaded.ms, 0),
      oneWordP99ms: round(one),
      twoWordsP99ms: round(two),
      filteredP99ms: round(filtered),
      p99ms: round(p99),
      scanMs: round(scanMs, 0),
      vsScan: round(scanMs / p99, 1),
      appendP99msOff: round(appendOff),
      appendP99msOn: round(appendOn),
      appendRatio: round(appendOn / appendOff),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The search targets of the issue, checked against one run. */
export function searchTargets(r: SearchBenchResult): Array<Record<string, string>> {
  const row = (target: string, measured: string, ok: boolean) => ({
    target,
    measured,
    met: ok ? 'yes' : 'NO',
  });
  const n = r.stored.toLocaleString('en-US');
  return [
    row(`search p99 < 50 ms at ${n} (1 word, 2 words, filter)`, `${r.p99ms} ms`, r.p99ms < 50),
    row('search ≥ 20× faster than a scan of the log', `${r.vsScan}×`, r.vsScan >= 20),
    row('index peak RSS < 300 MB', `${r.indexRssMB} MB`, r.indexRssMB < 300),
    row(
      'event-loop max pause < 50 ms while indexing',
      `${r.buildEldMaxMs} ms`,
      r.buildEldMaxMs < 50,
    ),
    row('append p99 with index ≤ 1.2× without', `${r.appendRatio}×`, r.appendRatio <= 1.2),
  ];
}

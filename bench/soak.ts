/**
 * `npm run soak [-- --cycles 50 --fuzz 20000 --seed 1]`: a long robustness run a person can
 * leave going. Seeded and bounded: a fuzz of malformed and valid frames against an in-process
 * server, a kill -9 loop against the real host program, and a slow consumer beside a fast
 * sender. The last line says what was lost (the goal is nothing).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { startServer } from '../electron/server/server.js';
import { PROTOCOL_VERSION } from '../shared/protocol/index.js';
import { createLogger } from '../shared/log.js';
import { killLoop, seeded } from './killLoop.js';

const out = (line: string) => void process.stdout.write(`${line}\n`);

type Frame = Record<string, unknown>;

/** A connected client that collects frames. */
async function client(url: string, hello: Frame): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
  const frames: Frame[] = [];
  ws.on('error', () => undefined);
  ws.on('message', (d) => {
    const p = JSON.parse(d.toString()) as unknown;
    frames.push(...((Array.isArray(p) ? p : [p]) as Frame[]));
  });
  await new Promise<void>((r, j) => (ws.once('open', () => r()), ws.once('error', j)));
  ws.send(JSON.stringify({ type: 'hello', id: 'h', protocol: PROTOCOL_VERSION, ...hello }));
  for (let i = 0; i < 200 && !frames.some((f) => f.type === 'welcome'); i++)
    await new Promise((r) => setTimeout(r, 25));
  return { ws, frames };
}

const until = async (test: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !test() && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 20));
  return test();
};

/** Random frames: valid ones, wrong shapes, lone surrogates, garbage. */
function fuzzFrame(rnd: () => number, i: number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const str = () =>
    pick(['', 'hi', '\ud800', 'x'.repeat(Math.floor(rnd() * 9000)), '<b>', '\u0000', '😀']);
  const types = ['message:send', 'history', 'room:join', 'typing', 'read', 'reaction:add', 'nope'];
  const frame: Frame = { type: pick(types), id: `f${i}` };
  for (const k of ['roomId', 'clientId', 'text', 'seq', 'limit', 'emoji', 'extra'])
    if (rnd() < 0.6) frame[k] = pick([str(), 1, -1, null, 'r_general', {}, [], 1e300]);
  if (rnd() < 0.4) {
    Object.assign(frame, { roomId: 'r_general', clientId: `fz${i}`, text: `fuzz ${i}` });
    frame.type = 'message:send';
  }
  const text = JSON.stringify(frame);
  return rnd() < 0.05 ? text.slice(0, Math.floor(rnd() * text.length)) : text;
}

async function fuzz(frames: number, seed: number): Promise<{ alive: boolean; lost: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-soak-fuzz-'));
  const server = await startServer({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    staticDir: null,
    durable: false,
    rateLimit: { perSecond: 100_000, burst: 100_000 },
    logger: createLogger('fuzz', 'silent'),
    tls: 'off',
    discovery: false,
  });
  const rnd = seeded(seed);
  const c = await client(server.url, { name: 'Fuzzer' });
  for (let i = 0; i < frames; i++) {
    c.ws.send(fuzzFrame(rnd, i));
    if (i % 200 === 199) await new Promise((r) => setImmediate(r));
  }
  c.ws.send(JSON.stringify({ type: 'ping', id: 'last' }));
  const alive = await until(() => c.frames.some((f) => f.replyTo === 'last'), 60_000);
  const acked = c.frames.filter((f) => f.type === 'message:ack').map((f) => f.seq as number);
  let lost = 0;
  for (const seq of acked) if (!(await server.store.messages.get('r_general', seq))) lost++;
  c.ws.terminate();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
  return { alive, lost };
}

async function slowConsumer(): Promise<{ cut: boolean; sent: number; lost: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-soak-slow-'));
  const server = await startServer({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    staticDir: null,
    durable: false,
    maxBufferedBytes: 64 * 1024,
    rateLimit: { perSecond: 100_000, burst: 100_000 },
    logger: createLogger('slow', 'silent'),
    tls: 'off',
    discovery: false,
  });
  const slow = await client(server.url, { name: 'Slow' });
  const fast = await client(server.url, { name: 'Fast' });
  (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  let closed = false;
  slow.ws.on('close', () => (closed = true));
  const slowId = (slow.frames.find((f) => f.type === 'welcome')?.user as Frame).id;
  const cut = () =>
    fast.frames.some((f) => f.type === 'presence' && f.userId === slowId && f.status === 'offline');
  let sent = 0;
  for (; sent < 5000 && !cut(); sent += 50) {
    for (let i = 0; i < 50; i++)
      fast.ws.send(
        JSON.stringify({
          type: 'message:send',
          id: `s${sent + i}`,
          roomId: 'r_general',
          clientId: `s${sent + i}`,
          text: 'z'.repeat(4000),
        }),
      );
    await until(
      () => fast.frames.filter((f) => f.type === 'message:ack').length >= sent + 50,
      10_000,
    );
  }
  const acked = fast.frames.filter((f) => f.type === 'message:ack').map((f) => f.seq as number);
  let lost = 0;
  for (const seq of acked) if (!(await server.store.messages.get('r_general', seq))) lost++;
  fast.ws.terminate();
  slow.ws.terminate();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
  return { cut: cut() || closed, sent: acked.length, lost };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cycles: { type: 'string', default: '50' },
      fuzz: { type: 'string', default: '20000' },
      seed: { type: 'string', default: String(Date.now() % 100000) },
    },
  });
  const seed = Number(values.seed);
  const cycles = Math.max(1, Math.min(10_000, Number(values.cycles)));
  const frames = Math.max(1, Math.min(10_000_000, Number(values.fuzz)));
  out(
    `soak: seed ${seed} (repeat with --seed ${seed}), ${frames} fuzz frames, ${cycles} kill cycles`,
  );
  const f = await fuzz(frames, seed);
  out(`fuzz: server ${f.alive ? 'alive' : 'NOT ANSWERING'}, acknowledged messages lost: ${f.lost}`);
  const dir = await mkdtemp(join(tmpdir(), 'parley-soak-kill-'));
  const k = await killLoop({
    hostJs: resolve('dist/node/electron/server/host.js'),
    dataDir: dir,
    cycles,
    seed,
  });
  await rm(dir, { recursive: true, force: true });
  out(
    `kill -9: ${k.cycles} cycles, ${k.acked} acknowledged, ${k.stored} stored, ` +
      `${k.lost.length} lost, ${k.duplicates.length} duplicated, ${k.gaps.length} out of sequence`,
  );
  const s = await slowConsumer();
  out(
    `slow consumer: ${s.cut ? 'cut off' : 'NOT cut off'}; ${s.sent} messages acknowledged, ${s.lost} lost`,
  );
  const lost = f.lost + k.lost.length + s.lost;
  const bad = lost > 0 || !f.alive || !s.cut || k.duplicates.length > 0 || k.gaps.length > 0;
  out(
    `soak summary: ${lost === 0 ? 'nothing lost' : `${lost} acknowledged message(s) LOST`}` +
      (bad && lost === 0 ? ' but see the lines above' : '') +
      ` (fuzz ${f.lost}, kill -9 ${k.lost.length}${k.lost.length ? `: ${k.lost.slice(0, 5).join(', ')}` : ''}, slow consumer ${s.lost})`,
  );
  process.exit(bad ? 1 : 0);
}

void main();

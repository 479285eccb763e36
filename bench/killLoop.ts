/**
 * Kill -9 during writes, in a loop: a real `npm run host` process takes a burst of messages and
 * is SIGKILLed after a seeded number of acknowledgements; the next cycle starts it again on the
 * same data directory. At the end every acknowledged message must be stored with the sequence
 * number it was acknowledged with, no message twice, and no gap. Used by
 * tests/integration/store/killLoop.test.ts (10 cycles) and `npm run soak` (more).
 */
import { spawn } from 'node:child_process';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../shared/protocol/index.js';

/** What a kill loop found. */
export interface KillLoopSummary {
  cycles: number;
  acked: number;
  stored: number;
  /** Acknowledged messages missing or stored under another sequence number. */
  lost: string[];
  duplicates: string[];
  gaps: number[];
}

/** A seeded pseudo-random number generator (mulberry32), so a failing run can be repeated. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Running {
  url: string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts the built host on a free loopback port and waits until it listens. */
export async function runHost(hostJs: string, dataDir: string): Promise<Running> {
  const proc = spawn(
    process.execPath,
    [
      hostJs,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data',
      dataDir,
      '--tls',
      'off',
      '--no-discovery',
    ],
    {
      env: { ...process.env, PARLEY_LOG: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<void>((r) => proc.on('exit', () => r()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 20_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    void exited.then(() => reject(new Error(`host exited:\n${out}`)));
  });
  return {
    url,
    async kill(signal) {
      proc.kill(signal);
      await exited;
    },
  };
}

/** A minimal client: hello, then frames by callback. */
async function open(
  url: string,
  hello: Record<string, unknown>,
  onFrame: (f: Record<string, unknown>) => void,
): Promise<{ ws: WebSocket; welcome: Record<string, unknown> }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
  ws.on('error', () => undefined);
  let welcomed: (w: Record<string, unknown>) => void;
  const welcome = new Promise<Record<string, unknown>>((r) => (welcomed = r));
  ws.on('message', (data) => {
    const parsed = JSON.parse(data.toString()) as unknown;
    for (const f of (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[]) {
      if (f.type === 'welcome') welcomed(f);
      else if (f.type === 'error' && f.replyTo === 'hello')
        throw new Error(`hello refused: ${JSON.stringify(f)}`);
      onFrame(f);
    }
  });
  await new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  ws.send(JSON.stringify({ type: 'hello', id: 'hello', protocol: PROTOCOL_VERSION, ...hello }));
  return { ws, welcome: await welcome };
}

/** Runs `cycles` kill -9 cycles on `dataDir`, then checks what is stored. */
export async function killLoop(o: {
  hostJs: string;
  dataDir: string;
  cycles: number;
  seed: number;
  /** Messages sent in each cycle (kept under the per-connection burst of 200). */
  perCycle?: number;
}): Promise<KillLoopSummary> {
  const random = seeded(o.seed);
  const perCycle = o.perCycle ?? 150;
  const acked = new Map<string, number>();
  let token: string | undefined;
  for (let cycle = 0; cycle < o.cycles; cycle++) {
    const host = await runHost(o.hostJs, o.dataDir);
    const killAfter = 5 + Math.floor(random() * (perCycle - 10));
    let acks = 0;
    let reached: () => void;
    const enough = new Promise<void>((r) => (reached = r));
    const { ws, welcome } = await open(
      host.url,
      token ? { token } : { name: `Crash${o.seed % 1000}` },
      (f) => {
        if (f.type !== 'message:ack') return;
        acked.set(f.clientId as string, f.seq as number);
        if (++acks >= killAfter) reached();
      },
    );
    token = welcome.token as string;
    for (let i = 0; i < perCycle; i++) {
      const clientId = `k${cycle}-${i}`;
      ws.send(
        JSON.stringify({
          type: 'message:send',
          id: clientId,
          roomId: 'r_general',
          clientId,
          text: clientId,
        }),
      );
    }
    // Killed while writes are in flight (bounded: a host that acks nothing is killed after 10 s).
    await Promise.race([enough, new Promise((r) => setTimeout(r, 10_000))]);
    await host.kill('SIGKILL');
    ws.terminate();
  }

  const host = await runHost(o.hostJs, o.dataDir);
  const stored = new Map<string, number[]>();
  const seqs: number[] = [];
  const { ws } = await open(host.url, { token }, () => undefined);
  const pages = new Map<string, (f: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const parsed = JSON.parse(data.toString()) as unknown;
    for (const f of (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[])
      pages.get(f.replyTo as string)?.(f);
  });
  for (let after = 0, n = 0; ; n++) {
    const id = `page${n}`;
    const page = await new Promise<Record<string, unknown>>((r) => {
      pages.set(id, r);
      ws.send(JSON.stringify({ type: 'history', id, roomId: 'r_general', after, limit: 100 }));
    });
    const messages = (page.messages ?? []) as Array<{ seq: number; clientId: string }>;
    for (const m of messages) {
      stored.set(m.clientId, [...(stored.get(m.clientId) ?? []), m.seq]);
      seqs.push(m.seq);
    }
    if (!page.hasMore || messages.length === 0) break;
    after = messages.at(-1)!.seq;
  }
  ws.terminate();
  await host.kill('SIGTERM');

  const lost = [...acked]
    .filter(([clientId, seq]) => !stored.get(clientId)?.includes(seq))
    .map(([clientId, seq]) => `${clientId}@${seq}`);
  const duplicates = [...stored].filter(([, s]) => s.length > 1).map(([c]) => c);
  const gaps = seqs.filter((s, i) => s !== i + 1);
  return { cycles: o.cycles, acked: acked.size, stored: seqs.length, lost, duplicates, gaps };
}

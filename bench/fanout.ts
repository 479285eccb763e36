import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from './child.js';
import { closePeers, openPeers, sendBench, type ChatKind, type Peer } from './peers.js';
import type { ServerConfig } from './serverProcess.js';
import { percentile, round, sleep } from './stats.js';

/** One fan-out measurement. */
export interface FanoutResult {
  server: string;
  receivers: number;
  mode: string;
  sent: number;
  deliveriesPerSec: number;
  /** Server CPU seconds (user + system, from /proc) over the run, drain included. */
  serverCpuS: number;
  /** Deliveries per server CPU-second: robust when other work shares the machine. */
  perCpuS: number;
  /** Server CPU microseconds per delivery. */
  cpuUsPerDelivery: number;
  p50ms: number;
  p99ms: number;
  serverEldMaxMs: number;
}

/** Offered load in messages/s, or 'saturation' (a window of unanswered messages kept full). */
export type Load = { perSecond: number } | 'saturation';

/**
 * Messages a second one sender keeps under when the server's default rate limit (50 frames a
 * second per connection) applies: the shipped host is then driven by many senders at once.
 */
const SHIPPED_PER_SENDER = 40;

const total = (peers: Peer[]) => peers.reduce((n, p) => n + p.received, 0);

/** Runs one server kind with N receivers under one load for `seconds`. */
export async function runFanout(
  label: string,
  config: ServerConfig & { kind: ChatKind },
  receivers: number,
  load: Load,
  seconds: number,
): Promise<FanoutResult> {
  const dataDir =
    config.kind === 'parley' ? await mkdtemp(join(tmpdir(), 'parley-bench-')) : undefined;
  const server = await spawnServer({ ...config, ...(dataDir ? { dataDir } : {}) });
  try {
    // Ten receivers (the sender among them) also record latency; the rest only count.
    const peers = await openPeers(server.url, config.kind, receivers, 'r', 10);
    await sleep(200);
    const watcher = peers[0]!;
    // Under the shipped limits every receiver also sends, each below the per-socket rate limit.
    const shipped = config.kind === 'parley' && config.limits === 'shipped';
    const senders = shipped ? peers : [watcher];
    const budget = senders.map(() => ({ tokens: 1, at: performance.now() }));
    let next = 0;
    /** The next sender allowed to send now (round robin), or undefined when all must wait. */
    const pick = (): Peer | undefined => {
      if (!shipped) return watcher;
      const now = performance.now();
      for (let k = 0; k < senders.length; k++) {
        const i = (next + k) % senders.length;
        const b = budget[i]!;
        b.tokens = Math.min(2, b.tokens + ((now - b.at) / 1000) * SHIPPED_PER_SENDER);
        b.at = now;
        if (b.tokens >= 1) {
          b.tokens--;
          next = i + 1;
          return senders[i];
        }
      }
      return undefined;
    };
    await server.reset();
    const cpu0 = server.cpuSeconds();
    const start = performance.now();
    const end = start + seconds * 1000;
    let sent = 0;
    if (load === 'saturation') {
      const window = 200;
      while (performance.now() < end) {
        while (sent - watcher.received < window) {
          const s = pick();
          if (!s) break;
          sendBench(s, config.kind, sent++);
        }
        await new Promise((r) => setImmediate(r));
      }
    } else {
      // Evenly spaced: one message per tick, so the server has one message per turn to send.
      const interval = 1000 / load.perSecond;
      while (performance.now() < end) {
        const due = Math.floor((performance.now() - start) / interval);
        while (sent <= due) sendBench(pick() ?? watcher, config.kind, sent++);
        await sleep(Math.max(1, interval / 2));
      }
    }
    // Drain: wait (bounded) until every receiver has every message.
    const expected = sent * receivers;
    const drainUntil = performance.now() + 30_000;
    while (total(peers) < expected && performance.now() < drainUntil) await sleep(5);
    const elapsed = (performance.now() - start) / 1000;
    const cpu = server.cpuSeconds() - cpu0;
    const stats = await server.stats();
    const lat = peers.flatMap((p) => p.latencies ?? []);
    await closePeers(peers);
    const deliveries = total(peers);
    return {
      server: label,
      receivers,
      mode: load === 'saturation' ? 'saturation' : `${load.perSecond * receivers} offered/s`,
      sent,
      deliveriesPerSec: Math.round(deliveries / elapsed),
      serverCpuS: round(cpu),
      perCpuS: cpu > 0 ? Math.round(deliveries / cpu) : NaN,
      cpuUsPerDelivery: deliveries > 0 ? round((cpu * 1e6) / deliveries, 3) : NaN,
      p50ms: round(percentile(lat, 50)),
      p99ms: round(percentile(lat, 99)),
      serverEldMaxMs: round(stats.eldMaxMs),
    };
  } finally {
    await server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

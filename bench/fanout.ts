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
  p50ms: number;
  p99ms: number;
  serverEldMaxMs: number;
}

/** Offered load in messages/s, or 'saturation' (a window of unanswered messages kept full). */
export type Load = { perSecond: number } | 'saturation';

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
    const sender = peers[0]!;
    await server.reset();
    const start = performance.now();
    const end = start + seconds * 1000;
    let sent = 0;
    if (load === 'saturation') {
      const window = 200;
      while (performance.now() < end) {
        while (sent - sender.received < window) sendBench(sender, config.kind, sent++);
        await new Promise((r) => setImmediate(r));
      }
    } else {
      let due = 0;
      while (performance.now() < end) {
        due = ((performance.now() - start) / 1000) * load.perSecond;
        while (sent < due) sendBench(sender, config.kind, sent++);
        await sleep(5);
      }
    }
    // Drain: wait (bounded) until every receiver has every message.
    const expected = sent * receivers;
    const drainUntil = performance.now() + 30_000;
    while (total(peers) < expected && performance.now() < drainUntil) await sleep(5);
    const elapsed = (performance.now() - start) / 1000;
    const stats = await server.stats();
    const lat = peers.flatMap((p) => p.latencies ?? []);
    await closePeers(peers);
    return {
      server: label,
      receivers,
      mode: load === 'saturation' ? 'saturation' : `${load.perSecond * receivers} offered/s`,
      sent,
      deliveriesPerSec: Math.round(total(peers) / elapsed),
      p50ms: round(percentile(lat, 50)),
      p99ms: round(percentile(lat, 99)),
      serverEldMaxMs: round(stats.eldMaxMs),
    };
  } finally {
    await server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

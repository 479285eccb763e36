import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from './child.js';
import { closePeers, openPeers, sendBench, type Peer } from './peers.js';
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
  /** Server RSS per connected socket: growth from the first 10% of receivers to all. */
  rssPerConnection: number;
  /** Live JS heap per connected socket (after a full GC), measured the same way. */
  heapPerConnection: number;
}

/** Offered load in messages/s, or 'saturation' (a window of unanswered messages kept full). */
export type Load = { perSecond: number } | 'saturation';

const total = (peers: Peer[]) => peers.reduce((n, p) => n + p.received, 0);

/** Runs one server kind with N receivers under one load for `seconds`. */
export async function runFanout(
  label: string,
  config: ServerConfig,
  receivers: number,
  load: Load,
  seconds: number,
): Promise<FanoutResult> {
  const dataDir =
    config.kind === 'parley' ? await mkdtemp(join(tmpdir(), 'parley-bench-')) : undefined;
  const server = await spawnServer({ ...config, ...(dataDir ? { dataDir } : {}) });
  try {
    // Memory as a slope, so one-off costs (heap growth while registering) are not charged per socket.
    const first = Math.max(10, Math.round(receivers / 10));
    const peers = await openPeers(server.url, config.kind, first, 'a', 10);
    await sleep(200);
    const before = await server.stats();
    peers.push(...(await openPeers(server.url, config.kind, receivers - first, 'b', 0)));
    await sleep(200);
    const idle = await server.stats();
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
      rssPerConnection: Math.round((idle.rssBytes - before.rssBytes) / (receivers - first)),
      heapPerConnection: Math.round((idle.heapBytes - before.heapBytes) / (receivers - first)),
    };
  } finally {
    await server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

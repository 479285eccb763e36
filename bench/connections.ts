import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type ServerChild, type ServerStats } from './child.js';
import { closePeers, openPeers, type ChatKind, type Peer } from './peers.js';
import type { ServerConfig } from './serverProcess.js';
import { sleep } from './stats.js';

/** Server memory taken by N idle connections: (with N open − with none) / N, in bytes. */
export interface ConnectionsResult {
  server: string;
  connections: number;
  /** Live JS heap after a full GC. */
  heapPerConnection: number;
  /** RSS 1 s after the last connection (after a full GC): still holds the connect burst's heap. */
  rssPerConnectionAt1s: number;
  /** RSS once the connections sat idle and V8 gave back the heap it no longer needs. */
  rssPerConnection: number;
  /** External (Buffer) memory. */
  externalPerConnection: number;
}

/** V8's memory reducer returns unused heap about 8 s after a process goes idle. */
const SETTLE_MS = 9000;

interface Subject {
  label: string;
  config: ServerConfig & { kind: ChatKind };
  tokens?: string[];
}

/** A full GC in the server, a moment for freed pages to go back, then its RSS from /proc. */
async function memoryOf(server: ServerChild): Promise<ServerStats> {
  const stats = await server.stats();
  await sleep(300);
  return { ...stats, rssBytes: server.memory().rssBytes };
}

/**
 * Measures several servers side by side: each in its own process, all settled before and after
 * (they sit idle at the same time, so the waits are paid once); connections open one server at
 * a time. Returns each server's result and its peers' tokens (Parley's, for a returning run).
 */
async function measureTogether(subjects: Subject[], n: number) {
  const servers: ServerChild[] = [];
  const peers: Peer[][] = [];
  try {
    for (const s of subjects) servers.push(await spawnServer(s.config));
    // Settled before as after, so start-up garbage given back later is not counted as saved.
    await sleep(SETTLE_MS);
    const before: ServerStats[] = [];
    for (const server of servers) before.push(await memoryOf(server));
    const at1s: ServerStats[] = [];
    for (const [i, s] of subjects.entries()) {
      peers.push(await openPeers(servers[i]!.url, s.config.kind, n, 'c', 0, s.tokens));
      await sleep(1000);
      at1s.push(await memoryOf(servers[i]!));
    }
    await sleep(SETTLE_MS);
    const settled: ServerStats[] = [];
    for (const server of servers) settled.push(await memoryOf(server));
    return subjects.map((s, i) => {
      const per = (k: 'heapBytes' | 'rssBytes' | 'externalBytes', after = settled[i]!) =>
        Math.round((after[k] - before[i]![k]) / n);
      const result: ConnectionsResult = {
        server: s.label,
        connections: n,
        heapPerConnection: per('heapBytes'),
        rssPerConnectionAt1s: per('rssBytes', at1s[i]),
        rssPerConnection: per('rssBytes'),
        externalPerConnection: per('externalBytes'),
      };
      return { result, tokens: peers[i]!.map((p) => p.token) };
    });
  } finally {
    for (const p of peers) await closePeers(p);
    for (const server of servers) await server.stop();
  }
}

/**
 * Memory per idle connection at `n` connections, measured in each server's process. Parley
 * twice: n new users (each connection registers a user, as on a server's first day), then the
 * same n users coming back to the restarted server with their tokens (every day after).
 */
export async function runConnections(n: number): Promise<ConnectionsResult[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-conns-'));
  try {
    const parley = { kind: 'parley' as const, dataDir, durable: true };
    const [fresh, ws, io] = await measureTogether(
      [
        { label: 'Parley, new users', config: parley },
        { label: 'bare ws', config: { kind: 'ws' } },
        { label: 'Socket.IO', config: { kind: 'socketio' } },
      ],
      n,
    );
    const [back] = await measureTogether(
      [{ label: 'Parley, returning users', config: parley, tokens: fresh!.tokens }],
      n,
    );
    return [fresh!.result, back!.result, ws!.result, io!.result];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The user directory at scale: a data directory seeded with N users (all in r_general), then the
 * shipped server (default limits) measured for welcome size, registrations per second and 1,000
 * returning users reconnecting at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { hashToken } from '../electron/server/chat/ids.js';
import { Store } from '../electron/server/store/store.js';
import { PROTOCOL_VERSION } from '../shared/protocol/index.js';
import { spawnServer } from './child.js';
import { round, sleep } from './stats.js';

/** One directory measurement at N registered users. */
export interface DirectoryResult {
  users: number;
  /** Bytes of the welcome a new user gets. */
  welcomeBytes: number;
  /** Bytes of the welcome a returning member of r_general gets. */
  welcomeBytesReturning: number;
  registrationsPerSec: number;
  registrationCpuS: number;
  stormUsers: number;
  /** From the first connect to the last welcome, all reconnecting at once. */
  stormMs: number;
  stormCpuS: number;
  /** Peak server RSS during the storm minus RSS before it. */
  stormRssGrowthMB: number;
}

const seededToken = (i: number) => `bench-token-${i}`;

/** Writes N users and r_general with all of them as members straight into a data directory. */
async function seed(dir: string, n: number): Promise<void> {
  const store = await Store.open({ dir, durable: false });
  const writes: Promise<void>[] = [];
  const members: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `u_seed${String(i).padStart(7, '0')}`;
    members.push(id);
    writes.push(
      store.users.add({
        id,
        name: `Person ${i}`,
        avatar: { color: '#1c7ed6' },
        createdAt: 1_700_000_000_000 + i,
        tokenHash: hashToken(seededToken(i)),
        version: i + 1,
      }),
    );
  }
  await Promise.all(writes);
  store.rooms.data.rooms.push({
    id: 'r_general',
    kind: 'room',
    name: 'general',
    topic: 'Everyone on this server',
    createdBy: 'server',
    createdAt: 1_700_000_000_000,
    members,
  });
  await store.rooms.commit();
  await store.close();
}

/** Opens a socket, says hello, resolves with the size of the welcome message once it arrives. */
function hello(
  wsUrl: string,
  fields: Record<string, unknown>,
): Promise<{ ws: WebSocket; bytes: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    ws.on('error', reject);
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'hello', id: 'h', protocol: PROTOCOL_VERSION, ...fields })),
    );
    const onMessage = (data: Buffer) => {
      const text = data.toString();
      if (!text.includes('"replyTo":"h"')) return;
      ws.off('message', onMessage);
      if (!text.includes('"type":"welcome"'))
        reject(new Error(`hello refused: ${text.slice(0, 200)}`));
      else resolve({ ws, bytes: data.length });
    };
    ws.on('message', onMessage);
  });
}

const close = (ws: WebSocket) =>
  new Promise<void>((r) => {
    if (ws.readyState === WebSocket.CLOSED) return r();
    ws.once('close', () => r());
    ws.close();
  });

/** Seeds `users`, starts the shipped server on them, and measures. */
export async function runDirectory(
  users: number,
  registrations: number,
  storm: number,
): Promise<DirectoryResult> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-directory-'));
  try {
    await seed(dir, users);
    const server = await spawnServer({
      kind: 'parley',
      dataDir: dir,
      durable: true,
      limits: 'shipped',
    });
    try {
      const wsUrl = `${server.url.replace('http', 'ws')}/ws`;
      const fresh = await hello(wsUrl, { name: 'Newcomer' });
      await close(fresh.ws);
      const back = await hello(wsUrl, { token: seededToken(0) });
      await close(back.ws);
      // Registrations, ten at a time (people joining together), each on its own socket.
      let done = 0;
      const cpu0 = server.cpuSeconds();
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 10 }, async (_, lane) => {
          for (let i = lane; i < registrations; i += 10) {
            const r = await hello(wsUrl, { name: `Joiner ${i}` });
            done++;
            await close(r.ws);
          }
        }),
      );
      const regSeconds = (performance.now() - t0) / 1000;
      const regCpu = server.cpuSeconds() - cpu0;
      await sleep(500);
      // The storm: returning users all reconnect at once, as after a Wi-Fi blip.
      const rssBefore = server.memory().rssBytes;
      server.resetPeak();
      const cpu1 = server.cpuSeconds();
      const s0 = performance.now();
      const sockets = await Promise.all(
        Array.from({ length: storm }, (_, i) => hello(wsUrl, { token: seededToken(1 + i) })),
      );
      const stormMs = performance.now() - s0;
      const stormCpu = server.cpuSeconds() - cpu1;
      const peak = server.memory().peakRssBytes;
      await Promise.all(sockets.map((s) => close(s.ws)));
      return {
        users,
        welcomeBytes: fresh.bytes,
        welcomeBytesReturning: back.bytes,
        registrationsPerSec: Math.round(done / regSeconds),
        registrationCpuS: round(regCpu),
        stormUsers: storm,
        stormMs: Math.round(stormMs),
        stormCpuS: round(stormCpu),
        stormRssGrowthMB: round((peak - rssBefore) / 1024 / 1024, 1),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

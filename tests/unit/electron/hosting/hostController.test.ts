import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/log.js';
import { createHostController } from '../../../../electron/hosting/hostController.js';
import { createNodeHttp } from '../../../../electron/transport/nodeHttp.js';

const log = createLogger('test', 'silent');
let dir: string;
let blocker: Server;
let busyPort: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-host-'));
  blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  busyPort = (blocker.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => blocker.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

const controller = () =>
  createHostController({
    dataDir: join(dir, 'server'),
    log,
    // Loopback only in tests; the app itself binds every interface so the LAN can join.
    serverOptions: { host: '127.0.0.1', staticDir: null, durable: false, discovery: false },
  });

describe('host controller', () => {
  it('starts a named, password-protected server and stops it', async () => {
    const host = controller();
    const started = await host.start({ name: 'Team room', port: 0, password: 'pw' });
    // The desktop host speaks https with its own certificate, which the engine pins.
    expect(started.url).toBe(`https://127.0.0.1:${started.port}`);
    expect(started.lanUrls).toEqual([`https://127.0.0.1:${started.port}/`]);
    expect(started.fingerprint).toBe(host.server?.tls?.fingerprint);
    expect(started.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(host.server?.info).toMatchObject({ name: 'Team room', passwordRequired: true });
    const health = await createNodeHttp({ downloadsDir: dir }).health(started.url, undefined, {
      fingerprint: started.fingerprint!,
    });
    expect(health.name).toBe('Team room');
    await host.stop();
    expect(host.server).toBeUndefined();
    await host.stop();
  });

  it('restarting replaces the running server (same data folder, no lock clash)', async () => {
    const host = controller();
    await host.start({ name: 'One', port: 0 });
    const second = await host.start({ name: 'Two', port: 0 });
    expect(host.server?.info.name).toBe('Two');
    expect(host.server?.port).toBe(second.port);
    await host.stop();
  });

  it('explains a busy port', async () => {
    const host = createHostController({
      dataDir: join(dir, 'busy'),
      log,
      serverOptions: { host: '127.0.0.1', staticDir: null, durable: false, discovery: false },
    });
    const err = await host.start({ name: 'X', port: busyPort }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'port_in_use' });
    expect((err as Error).message).toBe(
      `Port ${busyPort} is already in use by another program (or another Parley). Pick another port.`,
    );
    // The data folder was released: hosting on a free port works right after.
    await expect(host.start({ name: 'X', port: 0 })).resolves.toMatchObject({
      port: expect.any(Number),
    });
    await host.stop();
  });
});

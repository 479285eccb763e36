import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ParleyServer } from '../../../electron/server/server.js';
import { createLogger } from '../../../shared/log.js';
import { PROTOCOL_VERSION } from '../../../shared/protocol/index.js';
import { TestClient } from '../../helpers/testClient.js';

/**
 * A full disk, for real: a 4 MiB tmpfs this test mounts itself (root only). Nothing refused may
 * be acknowledged; the host starts read-only; it leaves read-only mode by itself.
 */
const root = process.getuid?.() === 0;
if (!root) {
  console.warn('diskFull.test.ts skipped: mounting a small tmpfs needs root');
}

let mnt: string;
let server: ParleyServer | undefined;
beforeAll(async () => {
  if (!root) return;
  mnt = await mkdtemp(join(tmpdir(), 'parley-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
});
afterAll(async () => {
  if (!root) return;
  await server?.stop().catch(() => undefined);
  execFileSync('umount', ['-l', mnt]);
  await rm(mnt, { recursive: true, force: true });
});

const start = () =>
  startServer({
    dataDir: join(mnt, 'data'),
    port: 0,
    host: '127.0.0.1',
    staticDir: null,
    logger: createLogger('t', 'silent'),
    disk: { minFreeBytes: 64 * 1024, probeMs: 100 },
    tls: 'off',
    discovery: false,
  });

/** Fills the file system up to the last byte; returns the filler's path. */
function fill(): string {
  const path = join(mnt, 'filler');
  const fd = openSync(path, 'w');
  try {
    for (const size of [1024 * 1024, 64 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      // Bounded: 4 MiB cannot take more than a few thousand chunks of any of these sizes.
      for (let i = 0; i < 5000; i++) {
        try {
          writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

async function upload(url: string, token: string) {
  const res = await fetch(`${url}/api/rooms/r_general/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'x-parley-filename': 'a.txt' },
    body: 'hello file',
  });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

describe.skipIf(!root)('a full disk', () => {
  it('refuses with storage_full and never acks, starts read-only, recovers by itself', async () => {
    server = await start();
    const c = await TestClient.join(server.url, 'Ada');
    const first = await c.say('r_general', 'before the disk filled');
    const filler = fill();

    const refused = await c.request({
      type: 'message:send',
      roomId: 'r_general',
      clientId: 'full-1',
      text: 'x'.repeat(2000),
    });
    expect(refused).toMatchObject({ type: 'error', code: 'storage_full', message: /disk is full/ });
    expect(c.frames.some((f) => f.type === 'message:ack' && f.clientId === 'full-1')).toBe(false);
    const up = await upload(server.url, c.token!);
    expect(up).toMatchObject({ status: 507, body: { error: 'storage_full' } });
    const newcomer = await TestClient.connect(server.url);
    expect(
      await newcomer.request({ type: 'hello', protocol: PROTOCOL_VERSION, name: 'Bob' }),
    ).toMatchObject({
      code: 'storage_full',
    });
    await newcomer.close();
    await c.close();
    await server.stop();

    // Read-only start on the full disk: history and sign-in work, writes are refused.
    server = await start();
    const back = await TestClient.connect(server.url);
    await back.hello({ token: c.token! });
    const page = await back.request({ type: 'history', roomId: 'r_general' });
    expect(page.type === 'history' && page.messages.map((m) => m.text)).toEqual([
      'before the disk filled',
    ]);
    expect(
      await back.request({
        type: 'message:send',
        roomId: 'r_general',
        clientId: 'full-2',
        text: 'y',
      }),
    ).toMatchObject({ code: 'storage_full' });

    // Space returns: the host leaves read-only mode by itself (bounded wait: 50 × 100 ms).
    await unlink(filler);
    let ack;
    for (let i = 0; i < 50 && !ack; i++) {
      const r = await back.request({
        type: 'message:send',
        roomId: 'r_general',
        clientId: 'after',
        text: 'space again',
      });
      if (r.type === 'message:ack') ack = r;
      else await new Promise((res) => setTimeout(res, 100));
    }
    expect(ack?.seq).toBe(first.seq + 1);
    await back.close();
  }, 60_000);
});

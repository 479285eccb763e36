import { readdir } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/log.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

/** Uploads that trickle (a byte now and then) end; one user cannot hold many uploads open. */

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Starts an upload that sends one byte every `everyMs`; resolves how it ended. */
function trickle(
  url: string,
  token: string,
  everyMs: number,
): { req: ClientRequest; ended: Promise<string> } {
  const u = new URL(`${url}/api/rooms/r_general/files`);
  const req = request({
    host: u.hostname,
    port: u.port,
    path: u.pathname,
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'x-parley-filename': 'slow.bin',
      'Content-Length': 100_000,
    },
  });
  const timer = setInterval(() => req.write('x'), everyMs);
  const ended = new Promise<string>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      resolve(`status ${res.statusCode}`);
    });
    req.on('error', (err) => resolve(`error ${(err as NodeJS.ErrnoException).code}`));
    req.on('close', () => resolve('closed'));
  }).finally(() => clearInterval(timer));
  return { req, ended };
}

describe('slow uploads', () => {
  it('ends an upload under the minimum rate, removes its partial file and logs it', async () => {
    const lines: string[] = [];
    t = await startTestServer({
      uploadMinRate: { bytesPerSecond: 1024, windowMs: 500 },
      logger: createLogger('t', 'info', (_l, _s, m) => lines.push(m)),
    });
    const c = await TestClient.join(t.server.url, 'Trickler');
    const { ended } = trickle(t.server.url, c.token!, 50);
    // The server ends it after one window; the test's own timeout bounds the wait.
    expect(await ended).not.toBe('status 201');
    expect(lines.some((l) => l.startsWith('ending an upload') && l.includes(c.userId!))).toBe(true);
    // The partial file goes right after the connection (bounded: 20 × 50 ms).
    let parts: string[] = ['?'];
    for (let i = 0; i < 20 && parts.length > 0; i++) {
      parts = (await readdir(join(t.dataDir, 'files'))).filter((n) => n.endsWith('.part'));
      if (parts.length > 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(parts).toEqual([]);
    await c.close();
  });

  it('caps the uploads one user may have open at once', async () => {
    t = await startTestServer({ maxOpenUploadsPerUser: 2 });
    const c = await TestClient.join(t.server.url, 'Busy');
    const open = [trickle(t.server.url, c.token!, 100), trickle(t.server.url, c.token!, 100)];
    await new Promise((r) => setTimeout(r, 300)); // both reached the server
    const third = await fetch(`${t.server.url}/api/rooms/r_general/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.token}`, 'x-parley-filename': 'third.txt' },
      body: 'third',
    });
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({
      error: 'rate_limited',
      message: /At most 2 uploads/,
    });
    for (const u of open) u.req.destroy();
    await Promise.all(open.map((u) => u.ended));
    // Once they ended, a new upload is accepted again (bounded retries while the server notices).
    let status = 0;
    for (let i = 0; i < 20 && status !== 201; i++) {
      const res = await fetch(`${t.server.url}/api/rooms/r_general/files`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c.token}`, 'x-parley-filename': 'later.txt' },
        body: 'later',
      });
      status = res.status;
      await res.body?.cancel();
      if (status !== 201) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(201);
    await c.close();
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintWords } from '../../../shared/protocol/index.js';
import { TestClient } from '../../helpers/testClient.js';
import { get } from '../../helpers/tls.js';

const HOST = resolve('dist/node/electron/server/host.js');
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(HOST))
    throw new Error(`${HOST} is missing: run "npm run build:node" first (npm test does).`);
  dataDir = await mkdtemp(join(tmpdir(), 'parley-host-'));
});
const spawned: ChildProcess[] = [];
afterAll(async () => {
  // A failed assertion must not leave a host running (it would hold the port and the lock).
  for (const p of spawned) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

interface Host {
  proc: ChildProcess;
  url: string;
  /** The certificate fingerprint the host printed. */
  fingerprint: string;
  out: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `npm run host`'s program for real and waits for it to print where to join. */
async function startHost(args: string[] = []): Promise<Host> {
  const proc = spawn(
    process.execPath,
    // Never advertised: multicast stays inside namespaces a test makes (discovery.test.ts).
    [HOST, '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--no-discovery', ...args],
    {
      env: { ...process.env, PARLEY_LOG: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  spawned.push(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    proc.on('exit', (code, signal) => r({ code, signal })),
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 10_000);
    const check = () => {
      // Everything up to the last line, so the words are printed too.
      const m =
        /https:\/\/127\.0\.0\.1:(\d+)\/[\s\S]*fingerprint \(SHA-256\): ([0-9a-f]{64})[\s\S]*Ctrl\+C/.exec(
          out,
        );
      if (m) {
        clearTimeout(timer);
        resolveUrl(`https://127.0.0.1:${m[1]}\n${m[2]}`);
      }
    };
    proc.stdout!.on('data', check);
    void exit.then(() => reject(new Error(`host exited:\n${out}`)));
  });
  const [base, fingerprint] = url.split('\n') as [string, string];
  return { proc, url: base, fingerprint, out: () => out, exit };
}

describe('npm run host', () => {
  it('serves health, and on SIGTERM says "going away", flushes everything and exits 0', async () => {
    const host = await startHost(['--name', 'Team room']);
    expect(host.out()).toContain('Parley is hosting "Team room"');
    expect(host.out()).toContain(
      `The same as words: ${fingerprintWords(host.fingerprint).join(' ')}`,
    );
    const health = JSON.parse(
      (await get(`${host.url}/api/health`, { fingerprint: host.fingerprint })).body,
    );
    expect(health).toEqual({
      ok: true,
      name: 'Team room',
      version: expect.any(String),
      protocol: 2,
      passwordRequired: false,
      maxUploadBytes: 2 * 1024 ** 3,
      inviteOnly: false,
      tls: { fingerprint: host.fingerprint },
    });

    const c = await TestClient.join(host.url, 'Saver', { fingerprint: host.fingerprint });
    // 150 stays inside the default burst allowance (200 frames).
    for (let i = 0; i < 150; i++)
      c.send({ type: 'message:send', roomId: 'r_general', clientId: `s${i}`, text: `keep ${i}` });
    await c.waitFor((f) => f.type === 'message:ack' && f.clientId === 's149', 10_000);
    c.send({ type: 'read', roomId: 'r_general', seq: 150 });
    await c.waitFor((f) => f.type === 'read' && f.seq === 150);
    host.proc.kill('SIGTERM');
    expect(await c.closed()).toBe(1001);
    expect(await host.exit).toEqual({ code: 0, signal: null });
    expect(host.out()).toContain('Stopped.');
    expect(existsSync(join(dataDir, 'parley.lock'))).toBe(false);

    const again = await startHost();
    // The same certificate after a restart: the pin still holds.
    expect(again.fingerprint).toBe(host.fingerprint);
    const back = await TestClient.connect(again.url, { fingerprint: again.fingerprint });
    const welcome = await back.hello({ token: c.token });
    // The name given at the first start is remembered.
    expect(welcome.server.name).toBe('Team room');
    expect(welcome.rooms.find((r) => r.id === 'r_general')).toMatchObject({
      lastSeq: 150,
      readSeq: 150,
    });
    await back.close();
    again.proc.kill('SIGTERM');
    await again.exit;
  });

  it('loses no acknowledged message when killed outright, and the data stays readable', async () => {
    const host = await startHost();
    const c = await TestClient.join(host.url, `Crash${Date.now() % 1000}`, {
      fingerprint: host.fingerprint,
    });
    const acked = new Set<number>();
    // Keep sending while the process is killed mid-write.
    for (let i = 0; i < 190; i++)
      c.send({ type: 'message:send', roomId: 'r_general', clientId: `k${i}`, text: `crash ${i}` });
    await c.waitFor((f) => f.type === 'message:ack' && f.clientId === 'k20', 10_000);
    host.proc.kill('SIGKILL');
    await host.exit;
    await c.closed().catch(() => undefined);
    for (const f of c.ofType('message:ack')) acked.add(f.seq);
    expect(acked.size).toBeGreaterThan(20);

    // A crash leaves a lock behind; the next start sees its process is gone and takes over.
    const again = await startHost();
    const back = await TestClient.connect(again.url, { fingerprint: again.fingerprint });
    await back.hello({ token: c.token });
    const stored = new Set<number>();
    for (let before: number | undefined; ;) {
      const page = await back.request({
        type: 'history',
        roomId: 'r_general',
        limit: 100,
        ...(before ? { before } : {}),
      });
      if (page.type !== 'history') throw new Error(JSON.stringify(page));
      for (const m of page.messages) if (m.authorId === c.userId) stored.add(m.seq);
      if (!page.hasMore) break;
      before = page.messages[0]!.seq;
    }
    for (const seq of acked) expect(stored.has(seq), `acked seq ${seq} lost`).toBe(true);
    await back.close();
    again.proc.kill('SIGTERM');
    expect((await again.exit).code).toBe(0);
  });

  it('explains a busy data directory, a busy port and bad flags, exiting 1', async () => {
    const first = await startHost();
    const second = spawn(
      process.execPath,
      [HOST, '--port', '0', '--data', dataDir, '--no-discovery'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    second.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => second.on('exit', r));
    expect(code).toBe(1);
    expect(err).toMatch(/already used by another Parley server/);

    const port = new URL(first.url).port;
    const other = await mkdtemp(join(tmpdir(), 'parley-host2-'));
    const third = spawn(
      process.execPath,
      [HOST, '--port', port, '--host', '127.0.0.1', '--data', other, '--no-discovery'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err3 = '';
    third.stderr.on('data', (d: Buffer) => (err3 += d.toString()));
    expect(await new Promise((r) => third.on('exit', r))).toBe(1);
    expect(err3).toContain(`port ${port} is already in use`);

    const bad = spawn(process.execPath, [HOST, '--port', 'eighty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err4 = '';
    bad.stderr.on('data', (d: Buffer) => (err4 += d.toString()));
    expect(await new Promise((r) => bad.on('exit', r))).toBe(1);
    expect(err4).toContain('--port must be a whole number');

    const missing = join(dataDir, 'no-such-cert.pem');
    const noCert = spawn(
      process.execPath,
      [HOST, '--port', '0', '--data', other, '--no-discovery', '--cert', missing, '--key', missing],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err5 = '';
    noCert.stderr.on('data', (d: Buffer) => (err5 += d.toString()));
    expect(await new Promise((r) => noCert.on('exit', r))).toBe(1);
    expect(err5).toContain(`cannot read the TLS certificate file ${missing}`);
    await rm(other, { recursive: true, force: true });
    first.proc.kill('SIGTERM');
    await first.exit;
  });

  it('speaks plain http with --tls off and says so', async () => {
    const proc = spawn(
      process.execPath,
      [
        HOST,
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--data',
        dataDir,
        '--no-discovery',
        '--tls',
        'off',
      ],
      { env: { ...process.env, PARLEY_LOG: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    spawned.push(proc);
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 10_000);
      proc.stdout!.on('data', () => {
        const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
        if (m && out.includes('TLS is off')) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const health = JSON.parse((await get(`http://127.0.0.1:${port}/api/health`)).body);
    expect(health.tls).toBeNull();
    const exit = new Promise((r) => proc.on('exit', r));
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

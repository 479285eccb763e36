/**
 * LAN discovery for real, inside two network namespaces this test creates (a veth pair with
 * addresses of its own), so multicast never reaches the machine's network: `npm run host` in
 * one namespace advertises, `npm run discover` in the other finds it, with the right TXT, and
 * sees it go when the host stops. Needs root and iproute2's `ip`; skipped, saying so, without.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintWords, PROTOCOL_VERSION } from '../../../shared/protocol/index.js';

const HOST = resolve('dist/node/electron/server/host.js');
const DISCOVER = resolve('dist/node/electron/discovery/discover.js');

function whyNot(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'iproute2 (`ip`) is not installed';
  }
  return undefined;
}
const skip = whyNot();

const tag = `${process.pid % 100000}`;
const nsA = `parley-${tag}-a`;
const nsB = `parley-${tag}-b`;
const net = `10.${200 + (process.pid % 50)}.${process.pid % 250}`;
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
const children: ChildProcess[] = [];
let dataDir: string;

beforeAll(async () => {
  if (skip) return;
  if (!existsSync(HOST) || !existsSync(DISCOVER))
    throw new Error('dist/node is missing: run "npm run build:node" first (npm test does).');
  dataDir = await mkdtemp(join(tmpdir(), 'parley-mdns-'));
  ip('netns', 'add', nsA);
  ip('netns', 'add', nsB);
  ip('link', 'add', `pv${tag}a`, 'type', 'veth', 'peer', 'name', `pv${tag}b`);
  for (const [ns, side, host] of [
    [nsA, 'a', 1],
    [nsB, 'b', 2],
  ] as const) {
    const dev = `pv${tag}${side}`;
    ip('link', 'set', dev, 'netns', ns);
    ip('-n', ns, 'addr', 'add', `${net}.${host}/24`, 'dev', dev);
    ip('-n', ns, 'link', 'set', dev, 'multicast', 'on', 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    // mDNS goes to 224.0.0.251: route multicast over the pair, the only way out of the namespace.
    ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', dev);
  }
});

afterAll(async () => {
  if (skip) return;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const ns of [nsA, nsB]) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // Already gone.
    }
  }
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs a program inside a namespace; `lines` collects its stdout. */
function inNamespace(ns: string, args: string[]) {
  const proc = spawn('ip', ['netns', 'exec', ns, process.execPath, ...args], {
    env: { ...process.env, PARLEY_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const until = (re: RegExp, ms: number) =>
    new Promise<RegExpExecArray>((resolveMatch, reject) => {
      const timer = setTimeout(() => reject(new Error(`waited for ${re} in:\n${out}`)), ms);
      const check = () => {
        const m = re.exec(out);
        if (m) {
          clearTimeout(timer);
          proc.stdout!.off('data', check);
          resolveMatch(m);
        }
      };
      proc.stdout!.on('data', check);
      check();
    });
  return { proc, exit, out: () => out, until };
}

describe.skipIf(skip !== undefined)(
  `discovery in network namespaces${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    it('advertises in one namespace, is found in the other with its TXT, and goes when stopped', async () => {
      const host = inNamespace(nsA, [
        HOST,
        '--port',
        '0',
        '--data',
        dataDir,
        '--name',
        'Lab room',
        '--password',
        'sesame',
      ]);
      const [, port, fp] = await host.until(
        /:(\d+)\/[\s\S]*fingerprint \(SHA-256\): ([0-9a-f]{64})[\s\S]*Ctrl\+C/,
        20_000,
      );
      const watch = inNamespace(nsB, [DISCOVER, '--json', '--seconds', '120']);
      const [upLine] = await watch.until(/^\{"event":"up".*\}$/m, 20_000);
      const up = JSON.parse(upLine) as { event: string; server: Record<string, unknown> };
      expect(up.server).toMatchObject({
        name: 'Lab room',
        url: `https://${net}.1:${port}`,
        protocol: PROTOCOL_VERSION,
        fingerprint: fp,
        access: 'password',
      });

      // `npm run discover`: what it prints within 3 seconds.
      const once = inNamespace(nsB, [DISCOVER]);
      expect(await once.exit).toBe(0);
      expect(once.out()).toContain(`Lab room  https://${net}.1:${port}  (password needed)`);
      expect(once.out()).toContain(`fingerprint ${fp}`);
      expect(once.out()).toContain(`words       ${fingerprintWords(fp!).join(' ')}`);

      // Stopping sends the goodbye: the browser drops the server at once, not after a TTL.
      host.proc.kill('SIGTERM');
      expect(await host.exit).toBe(0);
      const [downLine] = await watch.until(/^\{"event":"down".*\}$/m, 20_000);
      expect(JSON.parse(downLine).server).toMatchObject({ name: 'Lab room' });
      watch.proc.kill('SIGTERM');
      await watch.exit;
    });
  },
);

import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ParleyServer } from '../../../electron/server/server.js';
import type { ServerOptions } from '../../../electron/server/options.js';
import { repairDataDir } from '../../../electron/server/store/repair.js';
import { createLogger } from '../../../shared/log.js';
import { TestClient } from '../../helpers/testClient.js';

/**
 * The corruption matrix: every kind of file in a data directory, damaged every way a laptop
 * damages files. After a restart every intact message is there, the next sequence number
 * continues after the highest ever handed out, and a log line names the file.
 */

const SIZE = 5;
const COUNT = 12; // segments 0 (1–5), 1 (6–10), 2 (11–12)
let dir: string;
let server: ParleyServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const lines: string[] = [];
  const logger = createLogger('t', 'info', (level, scope, msg) =>
    lines.push(`${level} ${scope} ${msg}`),
  );
  return { lines, logger };
}

async function start(extra: Partial<ServerOptions> = {}): Promise<ParleyServer> {
  server = await startServer({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    staticDir: null,
    durable: false,
    segmentSize: SIZE,
    logger: createLogger('t', 'silent'),
    // Plain and never advertised: this file is about the store.
    tls: 'off',
    discovery: false,
    ...extra,
  });
  return server;
}

/** A data directory with two users and COUNT messages in general, then stopped. */
async function prepare(): Promise<{ token: string; texts: string[] }> {
  dir = await mkdtemp(join(tmpdir(), 'parley-corrupt-'));
  const s = await start();
  const alice = await TestClient.join(s.url, 'Alice');
  const bob = await TestClient.join(s.url, 'Bob');
  const texts: string[] = [];
  for (let i = 1; i <= COUNT; i++) {
    texts.push(`m${i}`);
    await alice.say('r_general', `m${i}`);
  }
  await bob.request({ type: 'read', roomId: 'r_general', seq: 3 });
  await Promise.all([alice.close(), bob.close()]);
  await s.stop();
  server = undefined;
  return { token: alice.token!, texts };
}

/** Signs in again, reads the whole history and sends one more message. */
async function check(s: ParleyServer, token: string) {
  const c = await TestClient.connect(s.url);
  const welcome = await c.hello({ token });
  const page = await c.request({ type: 'history', roomId: 'r_general', limit: 100 });
  if (page.type !== 'history') throw new Error(JSON.stringify(page));
  const next = await c.say('r_general', 'after the damage');
  await c.close();
  return { welcome, texts: page.messages.map((m) => m.text), next: next.seq };
}

const seg = (n: number) => join('messages', 'r_general', `${String(n).padStart(8, '0')}.json`);

type Damage = (path: string) => Promise<void>;
const DAMAGES: Record<string, Damage> = {
  truncated: async (p) => {
    const text = await readFile(p, 'utf8');
    await writeFile(p, text.slice(0, Math.floor(text.length / 2)));
  },
  garbage: (p) => writeFile(p, '\u0000\u00ff garbage \u0007{{{'),
  empty: (p) => writeFile(p, ''),
  'wrong shape': async (p) => {
    const raw = JSON.parse(await readFile(p, 'utf8')) as Record<string, unknown>;
    for (const k of Object.keys(raw)) raw[k] = null;
    await writeFile(p, JSON.stringify(raw));
  },
  missing: (p) => unlink(p),
};

describe('a damaged segment', () => {
  for (const [kind, damage] of Object.entries(DAMAGES)) {
    it(`middle segment ${kind}: the rest loads, numbers continue, the log names the file`, async () => {
      const { token, texts } = await prepare();
      await damage(join(dir, seg(1)));
      const { lines, logger } = capture();
      const s = await start({ logger });
      const got = await check(s, token);
      expect(got.texts).toEqual(texts.filter((_, i) => i < 5 || i >= 10));
      expect(got.next).toBe(COUNT + 1);
      expect(lines.some((l) => l.startsWith('warn') && l.includes(seg(1)))).toBe(true);
      if (kind !== 'missing') {
        const q = await readdir(join(dir, 'quarantine', 'messages', 'r_general'));
        expect(q.some((n) => n.startsWith('00000001.json.'))).toBe(true);
      }
    });
  }

  for (const kind of ['missing', 'truncated', 'garbage'] as const) {
    it(`newest segment ${kind}: older messages stay, no number is handed out twice`, async () => {
      const { token, texts } = await prepare();
      await DAMAGES[kind]!(join(dir, seg(2)));
      const { lines, logger } = capture();
      const s = await start({ logger });
      const got = await check(s, token);
      expect(got.texts).toEqual(texts.slice(0, 10));
      // 11 and 12 were handed out: the next message starts the segment after theirs.
      expect(got.next).toBe(3 * SIZE + 1);
      expect(got.welcome.rooms.find((r) => r.id === 'r_general')?.lastSeq).toBe(3 * SIZE);
      expect(lines.some((l) => l.includes(seg(2)))).toBe(true);
    });
  }

  it('two restarts after losing the newest segment still never reuse a number', async () => {
    const { token } = await prepare();
    await unlink(join(dir, seg(2)));
    let s = await start();
    expect((await check(s, token)).next).toBe(16);
    await s.stop();
    s = await start();
    expect((await check(s, token)).next).toBe(17);
  });
});

const CORE = [
  'parley.json',
  join('users', '00000000.json'),
  'rooms.json',
  'reads.json',
  'files.json',
  'prefs.json',
  'seqs.json',
];

describe('a damaged core document', () => {
  for (const file of CORE) {
    for (const [kind, damage] of Object.entries(DAMAGES)) {
      it(`${file} ${kind}: restored from its .bak with a log line`, async () => {
        const { token, texts } = await prepare();
        await damage(join(dir, file));
        const { lines, logger } = capture();
        const s = await start({ logger });
        const got = await check(s, token);
        expect(got.texts).toEqual(texts);
        expect(got.next).toBe(COUNT + 1);
        expect(got.welcome.users.map((u) => u.name).sort()).toEqual(['Alice', 'Bob']);
        expect(lines.some((l) => l.includes(join(dir, file)) && l.includes(`restored from`))).toBe(
          true,
        );
      });
    }
  }

  it('refuses to start when a document and its backup are both unusable, naming the file and --repair', async () => {
    const { token } = await prepare();
    await writeFile(join(dir, 'rooms.json'), '{"rooms":');
    await writeFile(join(dir, 'rooms.json.bak'), '');
    const err = await start().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    server = undefined;
    expect(err?.message).toContain(join(dir, 'rooms.json'));
    expect(err?.message).toContain('npm run host -- --repair');
    // Nothing was changed: the damaged file is still there for a person to look at.
    expect(await readFile(join(dir, 'rooms.json'), 'utf8')).toBe('{"rooms":');

    const report = await repairDataDir(dir, createLogger('t', 'silent'));
    expect(report.rebuilt.join('\n')).toContain('rooms.json');
    const s = await start();
    const got = await check(s, token);
    expect(got.texts).toHaveLength(COUNT);
    expect(got.next).toBe(COUNT + 1);
  });

  it('repair rebuilds users from message authors when a user segment and its backup are gone', async () => {
    await prepare();
    await unlink(join(dir, 'users', '00000000.json'));
    await unlink(join(dir, 'users', '00000000.json.bak'));
    await expect(start()).rejects.toThrow(/00000000\.json.*--repair/s);
    server = undefined;
    const report = await repairDataDir(dir, createLogger('t', 'silent'));
    expect(report.rebuilt.join('\n')).toMatch(/users\/: .* 1 user\(s\) recreated/);
    const s = await start();
    const newcomer = await TestClient.join(s.url, 'Alice');
    const page = await newcomer.request({ type: 'history', roomId: 'r_general', limit: 100 });
    expect(page.type === 'history' && page.messages).toHaveLength(COUNT);
    await newcomer.close();
  });
});

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type ServerFrameOf } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer;
let ada: TestClient;

/** Registers `n` users named `${prefix}NNN`, a few sockets at a time, and closes them. */
async function register(prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 25) {
    const batch = Array.from({ length: Math.min(25, n - i) }, (_, k) =>
      TestClient.join(t.server.url, `${prefix}${String(i + k).padStart(3, '0')}`),
    );
    await Promise.all((await Promise.all(batch)).map((c) => c.close()));
  }
}

const page = async (c: TestClient, f: Record<string, unknown>) => {
  const reply = await c.request({ type: 'directory', ...f } as never);
  if (reply.type !== 'directory') throw new Error(JSON.stringify(reply));
  return reply;
};
const changes = async (c: TestClient, since: number, limit?: number) => {
  const reply = await c.request({
    type: 'directory:changes',
    since,
    ...(limit ? { limit } : {}),
  });
  if (reply.type !== 'directory:changes') throw new Error(JSON.stringify(reply));
  return reply;
};

beforeAll(async () => {
  t = await startTestServer();
  ada = await TestClient.join(t.server.url, 'Ada');
});
afterAll(async () => {
  await ada.close();
  await t.close();
});

describe('directory versions', () => {
  it('numbers every registration and profile change, and tells them live', async () => {
    const before = ada.ofType('welcome')[0]!.directory;
    expect(before).toEqual({ version: 1, total: 1 });
    const bob = await TestClient.join(t.server.url, 'Bob');
    const joined = (await ada.waitFor(
      (f) => f.type === 'user:updated' && f.user.id === bob.userId,
    )) as ServerFrameOf<'user:updated'>;
    expect(joined.version).toBe(2);
    expect(bob.ofType('welcome')[0]!.directory).toEqual({ version: 2, total: 2 });
    await bob.request({ type: 'profile:update', avatar: { color: '#123456' } });
    const changed = (await ada.waitFor(
      (f) => f.type === 'user:updated' && f.version === 3,
    )) as ServerFrameOf<'user:updated'>;
    expect(changed.user).toMatchObject({ id: bob.userId, avatar: { color: '#123456' } });
    await bob.close();
  });

  it('answers the changes since a version, each user once in its latest state', async () => {
    const all = await changes(ada, 0);
    expect(all.users.map((u) => u.name)).toEqual(['Ada', 'Bob']);
    expect(all).toMatchObject({ version: 3, upTo: 3, more: false, reset: false });
    // Bob registered at 2 and changed at 3: since 2 lists only his change.
    const since2 = await changes(ada, 2);
    expect(since2.users.map((u) => [u.name, u.avatar.color])).toEqual([['Bob', '#123456']]);
    expect((await changes(ada, 3)).users).toEqual([]);
  });

  it('pages changes with upTo and more', async () => {
    const carol = await TestClient.join(t.server.url, 'Carol');
    const dan = await TestClient.join(t.server.url, 'Dan');
    const first = await changes(ada, 0, 2);
    expect(first.users.map((u) => u.name)).toEqual(['Ada', 'Bob']);
    expect(first).toMatchObject({ more: true, upTo: 3 });
    const second = await changes(ada, first.upTo, 2);
    expect(second.users.map((u) => u.name)).toEqual(['Carol', 'Dan']);
    expect(second).toMatchObject({ more: false, upTo: second.version });
    await Promise.all([carol.close(), dan.close()]);
  });

  it('tells a client whose version this directory never reached to start again', async () => {
    const reply = await changes(ada, 10_000);
    expect(reply.reset).toBe(true);
    expect(reply.users.map((u) => u.name)).toEqual(['Ada', 'Bob', 'Carol', 'Dan']);
  });
});

describe('directory pages and search', () => {
  beforeAll(async () => {
    await register('Zed', 30);
  });

  it('pages through everybody by name, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const p = await page(ada, { limit: 7, ...(cursor ? { cursor } : {}) });
      expect(p.users.length).toBeLessThanOrEqual(7);
      expect(p.total).toBe(34);
      seen.push(...p.users.map((u) => u.name));
      cursor = p.next;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(34);
    expect(new Set(seen).size).toBe(34);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('searches names ignoring case, in pages', async () => {
    const p = await page(ada, { query: 'zED01', limit: 5 });
    expect(p.users.map((u) => u.name)).toEqual(['Zed010', 'Zed011', 'Zed012', 'Zed013', 'Zed014']);
    const rest = await page(ada, { query: 'zED01', limit: 5, cursor: p.next });
    expect(rest.users.map((u) => u.name)).toEqual([
      'Zed015',
      'Zed016',
      'Zed017',
      'Zed018',
      'Zed019',
    ]);
    const none = await page(ada, { query: 'nobody' });
    expect(none.users).toEqual([]);
    expect(none.next).toBeUndefined();
  });

  it('answers users by id with presence, leaving out unknown ids', async () => {
    const bob = (await page(ada, { query: 'bob' })).users[0]!;
    const p = await page(ada, { ids: [bob.id, 'u_doesnotexist', ada.userId] });
    expect(p.users.map((u) => [u.name, u.status])).toEqual([
      ['Bob', 'offline'],
      ['Ada', 'online'],
    ]);
  });

  it('refuses ids together with a query, and pages over the limit', async () => {
    expect(await ada.request({ type: 'directory', ids: [ada.userId], query: 'a' })).toMatchObject({
      type: 'error',
      code: 'invalid',
    });
    expect(
      await ada.request({ type: 'directory', limit: LIMITS.directoryPageMax + 1 }),
    ).toMatchObject({ type: 'error', code: 'invalid' });
  });
});

describe('welcome stays small', () => {
  it('lists at most the bounded members and users, the user first', async () => {
    await register('Yan', LIMITS.welcomeUsersMax + 20 - 34);
    const late = await TestClient.join(t.server.url, 'Late');
    const w = late.ofType('welcome')[0]!;
    const general = w.rooms.find((r) => r.id === 'r_general')!;
    expect(general.memberCount).toBe(LIMITS.welcomeUsersMax + 21);
    expect(general.members).toHaveLength(LIMITS.summaryMembersMax);
    // The user and those online now come first in a sample.
    expect(general.members.slice(0, 2).sort()).toEqual([ada.userId, late.userId].sort());
    expect(w.users.length).toBeLessThanOrEqual(LIMITS.welcomeUsersMax);
    expect(w.users[0]!.id).toBe(late.userId);
    expect(w.directory.total).toBe(LIMITS.welcomeUsersMax + 21);
    await late.close();
  });
});

describe('directory storage', () => {
  it('keeps users and versions in segment files across a restart', async () => {
    const before = await changes(ada, 0, 1);
    const token = ada.token;
    await ada.close();
    await t.restart();
    expect(await readdir(t.dataDir)).not.toContain('users.json');
    expect((await readdir(join(t.dataDir, 'users'))).length).toBeGreaterThan(0);
    ada = await TestClient.connect(t.server.url);
    const w = await ada.hello({ token });
    expect(w.directory).toEqual({ version: before.version, total: before.version - 1 });
  });

  it('splits a users.json of an older data directory into segments, numbering the users', async () => {
    const old = await startTestServer();
    const first = await TestClient.join(old.server.url, 'Old');
    const second = await TestClient.join(old.server.url, 'Older');
    await Promise.all([first.close(), second.close()]);
    await old.server.stop();
    // Rewrite the folder as format 1 left it: every user in users.json, without versions.
    const seg = JSON.parse(await readFile(join(old.dataDir, 'users', '00000000.json'), 'utf8')) as {
      users: Array<Record<string, unknown>>;
    };
    const users = seg.users.map(({ version: _v, ...u }) => u);
    await writeFile(join(old.dataDir, 'users.json'), JSON.stringify({ users }));
    await rm(join(old.dataDir, 'users'), { recursive: true });
    await old.restart();
    expect(await readdir(old.dataDir)).not.toContain('users.json');
    const back = await TestClient.connect(old.server.url);
    const w = await back.hello({ token: second.token });
    expect(w.user.name).toBe('Older');
    expect(w.directory).toEqual({ version: 2, total: 2 });
    expect((await changes(back, 1)).users.map((u) => u.name)).toEqual(['Older']);
    await back.close();
    await old.close();
  });
});

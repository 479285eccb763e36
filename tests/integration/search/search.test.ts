import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame, ServerFrameOf } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer;
let ann: TestClient;
let ben: TestClient;
let eve: TestClient;

type Query = Omit<Extract<Parameters<TestClient['request']>[0], { type: 'search' }>, 'type'>;

async function search(c: TestClient, q: Query): Promise<ServerFrameOf<'search'>> {
  // A generous bound: the worker may still be starting on a busy machine.
  const f: ServerFrame = await c.request({ type: 'search', ...q }, 30_000);
  if (f.type !== 'search') throw new Error(`search failed: ${JSON.stringify(f)}`);
  return f;
}
const texts = (f: ServerFrameOf<'search'>) => f.hits.map((h) => h.message.text);

beforeAll(async () => {
  t = await startTestServer();
  ann = await TestClient.join(t.server.url, 'Ann');
  ben = await TestClient.join(t.server.url, 'Ben');
  eve = await TestClient.join(t.server.url, 'Eve');
});
afterAll(async () => {
  await Promise.all([ann, ben, eve].map((c) => c.close()));
  await t.close();
});

describe('search', () => {
  it('finds words by prefix and despite a typo, only in readable rooms', async () => {
    await ann.say('r_general', 'The deployment of the kangaroo service is done');
    await ben.say('r_general', 'Lunch at noon?');
    expect(texts(await search(eve, { text: 'kangaroo' }))).toEqual([
      'The deployment of the kangaroo service is done',
    ]);
    const prefix = await search(eve, { text: 'deplo' });
    expect(prefix.total).toBe(1);
    expect(prefix.hits[0]!.terms).toContain('deployment');
    expect((await search(eve, { text: 'kangarooo' })).total).toBe(1); // typo
    expect((await search(eve, { text: 'lunch kangaroo' })).total).toBe(0); // every word
  });

  it('never shows a DM to anyone but its members, by any filter', async () => {
    const dm = await ann.request({ type: 'dm:open', userId: ben.userId });
    if (dm.type !== 'room:joined') throw new Error('no dm');
    const dmId = dm.room.id;
    await ann.say(dmId, 'the platypus password is hunter2');
    expect(texts(await search(ben, { text: 'platypus' }))).toEqual([
      'the platypus password is hunter2',
    ]);
    const now = Date.now();
    const attempts: Query[] = [
      { text: 'platypus' },
      { text: 'platyp' },
      { text: 'hunter2', authorIds: [ann.userId] },
      { text: '', authorIds: [ann.userId] },
      { text: '', after: now - 60_000 },
      { text: 'platypus', before: now + 60_000, after: 0, sort: 'newest' },
    ];
    for (const q of attempts) {
      const f = await search(eve, q);
      expect(texts(f)).not.toContain('the platypus password is hunter2');
    }
    const named = await eve.request({ type: 'search', text: 'platypus', roomIds: [dmId] });
    expect(named).toMatchObject({ type: 'error', code: 'not_found' });
  });

  it('filters by room, author, file and dates, and pages newest first', async () => {
    const created = await ann.request({ type: 'room:create', name: 'zoo' });
    if (created.type !== 'room:joined') throw new Error('no room');
    const zoo = created.room.id;
    for (let i = 1; i <= 5; i++) await ann.say(zoo, `wombat number ${i}`);
    await ben.request({ type: 'room:join', roomId: zoo });
    await ben.say(zoo, 'wombat from ben');
    const all = await search(ben, { text: 'wombat', sort: 'newest', limit: 4 });
    expect(all.total).toBe(6);
    expect(all.hasMore).toBe(true);
    expect(texts(all)).toEqual([
      'wombat from ben',
      'wombat number 5',
      'wombat number 4',
      'wombat number 3',
    ]);
    const next = await search(ben, { text: 'wombat', sort: 'newest', limit: 4, offset: 4 });
    expect(texts(next)).toEqual(['wombat number 2', 'wombat number 1']);
    expect(next.hasMore).toBe(false);
    expect(texts(await search(ben, { text: 'wombat', authorIds: [ben.userId] }))).toEqual([
      'wombat from ben',
    ]);
    expect((await search(ben, { text: 'wombat', roomIds: ['r_general'] })).total).toBe(0);
    expect((await search(ben, { text: 'wombat', hasFile: true })).total).toBe(0);
    const firstTs = next.hits.at(-1)!.message.ts;
    expect((await search(ben, { text: 'wombat', before: firstTs })).total).toBe(0);
    // Eve never joined zoo: not in her default scope, but she may name the public room.
    expect((await search(eve, { text: 'wombat' })).total).toBe(0);
    expect((await search(eve, { text: 'wombat', roomIds: [zoo] })).total).toBe(6);
  });

  it('reflects edits and deletes at once', async () => {
    const ack = await ann.say('r_general', 'meet at the aardvark cafe');
    await ann.request({
      type: 'message:edit',
      roomId: 'r_general',
      seq: ack.seq,
      text: 'meet at the badger cafe',
    });
    expect((await search(ben, { text: 'aardvark' })).total).toBe(0);
    expect(texts(await search(ben, { text: 'badger' }))).toEqual(['meet at the badger cafe']);
    await ann.request({ type: 'message:delete', roomId: 'r_general', seq: ack.seq });
    expect((await search(ben, { text: 'badger' })).total).toBe(0);
  });

  it('refuses an empty search and bad filters with clear errors', async () => {
    expect(await ben.request({ type: 'search', text: '  ' })).toMatchObject({ code: 'invalid' });
    expect(await ben.request({ type: 'search', text: 'x', after: 10, before: 5 })).toMatchObject({
      code: 'invalid',
    });
    expect(await ben.request({ type: 'search', text: 'x', limit: 500 })).toMatchObject({
      code: 'invalid',
    });
  });

  it('loads history around a message', async () => {
    const created = await ann.request({ type: 'room:create', name: 'long' });
    if (created.type !== 'room:joined') throw new Error('no room');
    const room = created.room.id;
    for (let i = 1; i <= 30; i++) await ann.say(room, `line ${i}`);
    const page = await ann.request({ type: 'history', roomId: room, around: 10, limit: 10 });
    expect(page).toMatchObject({ type: 'history', hasMore: true, hasNewer: true });
    if (page.type !== 'history') return;
    expect(page.messages.map((m) => m.seq)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const end = await ann.request({ type: 'history', roomId: room, around: 29, limit: 10 });
    if (end.type !== 'history') throw new Error('no page');
    expect(end.messages.map((m) => m.seq)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(end.hasNewer).toBe(false);
  });
});

describe('the index on disk', () => {
  it('is saved, reloaded, and rebuilt from the log when its files are gone or damaged', async () => {
    await ann.say('r_general', 'the narwhal remembers');
    for (const c of [ann, ben, eve]) await c.close();
    const searchDir = join(t.dataDir, 'search');
    await t.restart();
    expect(await readdir(searchDir)).toContain('index.json');
    let c = await TestClient.connect(t.server.url);
    await c.hello({ token: ann.token });
    expect((await search(c, { text: 'narwhal' })).total).toBe(1);
    await c.close();

    await rm(searchDir, { recursive: true });
    await t.restart();
    c = await TestClient.connect(t.server.url);
    await c.hello({ token: ann.token });
    expect((await search(c, { text: 'narwhal' })).total).toBe(1);
    expect((await search(c, { text: 'aardvark' })).total).toBe(0);
    await c.close();

    await t.server.stop();
    await writeFile(join(searchDir, 'index.json'), '{"format":1,"rooms":[');
    await t.restart();
    c = await TestClient.connect(t.server.url);
    await c.hello({ token: ann.token });
    expect((await search(c, { text: 'narwhal' })).total).toBe(1);
    await c.close();
  });
});

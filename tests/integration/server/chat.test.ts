import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';
import { PROTOCOL_VERSION } from '../../../shared/protocol/index.js';

let t: TestServer;
let alice: TestClient;
let bob: TestClient;
let carol: TestClient;

beforeAll(async () => {
  t = await startTestServer();
  alice = await TestClient.join(t.server.url, 'Alice');
  bob = await TestClient.join(t.server.url, 'Bob');
  carol = await TestClient.join(t.server.url, 'Carol');
});
afterAll(async () => {
  await Promise.all([alice, bob, carol].map((c) => c.close()));
  await t.close();
});

describe('rooms', () => {
  it('puts every new user in general and lists the directory with presence', async () => {
    const welcome = alice.ofType('welcome')[0]!;
    expect(welcome.server.protocol).toBe(PROTOCOL_VERSION);
    const general = welcome.rooms.find((r) => r.id === 'r_general')!;
    expect(general).toMatchObject({ name: 'general', joined: true, lastSeq: 0 });
    const carolWelcome = carol.ofType('welcome')[0]!;
    expect(carolWelcome.users.map((u) => u.name).sort()).toEqual(['Alice', 'Bob', 'Carol']);
    expect(carolWelcome.users.find((u) => u.name === 'Alice')?.status).toBe('online');
    // Alice learns about Carol registering and coming online.
    const carolNews = await alice.waitFor(
      (f) => f.type === 'user:updated' && f.user.name === 'Carol',
    );
    expect(carolNews.type === 'user:updated' && carolNews.user.status).toBe('online');
    expect(alice.ofType('user:updated').filter((f) => f.user.name === 'Carol')).toHaveLength(1);
  });

  it('delivers a room message to every member, acked with a sequence', async () => {
    const ack = await alice.say('r_general', 'hello everyone');
    expect(ack.seq).toBe(1);
    for (const c of [alice, bob, carol]) {
      const f = await c.waitFor((x) => x.type === 'message:new' && x.message.seq === 1);
      expect(f).toMatchObject({
        message: { text: 'hello everyone', authorId: alice.userId, roomId: 'r_general' },
      });
    }
  });

  it('creates, joins and leaves rooms; only members get live messages', async () => {
    const created = await alice.request({ type: 'room:create', name: 'Design', topic: 'pixels' });
    expect(created.type).toBe('room:joined');
    if (created.type !== 'room:joined') return;
    const roomId = created.room.id;
    await bob.waitFor((f) => f.type === 'room:updated' && f.room.id === roomId);
    const dup = await bob.request({ type: 'room:create', name: 'design' });
    expect(dup).toMatchObject({ type: 'error', code: 'name_taken' });

    const notMember = await bob.request({
      type: 'message:send',
      roomId,
      clientId: 'x1',
      text: 'hi',
    });
    expect(notMember).toMatchObject({ type: 'error', code: 'not_member' });
    expect(await bob.request({ type: 'room:join', roomId })).toMatchObject({
      type: 'room:joined',
      room: { joined: true },
    });
    await alice.waitFor(
      (f) => f.type === 'member:changed' && f.roomId === roomId && f.userId === bob.userId,
    );

    await alice.say(roomId, 'design only');
    await bob.waitFor((f) => f.type === 'message:new' && f.message.roomId === roomId);
    expect(carol.ofType('message:new').some((f) => f.message.roomId === roomId)).toBe(false);

    expect(await bob.request({ type: 'room:leave', roomId })).toMatchObject({
      type: 'room:left',
      roomId,
    });
    await alice.say(roomId, 'after bob left');
    await alice.waitFor((f) => f.type === 'message:new' && f.message.text === 'after bob left');
    expect(bob.ofType('message:new').some((f) => f.message.text === 'after bob left')).toBe(false);
    const list = await carol.request({ type: 'room:list' });
    expect(list.type === 'room:list' && list.rooms.map((r) => r.name)).toContain('Design');
  });
});

describe('direct messages', () => {
  it('lets two users talk privately; a third can neither read nor receive it', async () => {
    const opened = await alice.request({ type: 'dm:open', userId: bob.userId });
    if (opened.type !== 'room:joined') throw new Error(JSON.stringify(opened));
    const dmId = opened.room.id;
    expect(opened.room).toMatchObject({ kind: 'dm', members: [alice.userId, bob.userId].sort() });
    // Bob is told about the new DM, and opening it again gives the same room.
    await bob.waitFor((f) => f.type === 'room:joined' && f.room.id === dmId);
    const again = await bob.request({ type: 'dm:open', userId: alice.userId });
    expect(again.type === 'room:joined' && again.room.id).toBe(dmId);

    await alice.say(dmId, 'secret plan');
    const got = await bob.waitFor((f) => f.type === 'message:new' && f.message.roomId === dmId);
    expect(got.type === 'message:new' && got.message.text).toBe('secret plan');

    for (const frame of [
      { type: 'history' as const, roomId: dmId },
      { type: 'message:send' as const, roomId: dmId, clientId: 'c-snoop', text: 'let me in' },
      { type: 'room:join' as const, roomId: dmId },
      { type: 'read' as const, roomId: dmId, seq: 1 },
    ]) {
      expect(await carol.request(frame)).toMatchObject({ type: 'error', code: 'not_found' });
    }
    expect(carol.frames.some((f) => JSON.stringify(f).includes('secret plan'))).toBe(false);
    const list = await carol.request({ type: 'room:list' });
    expect(list.type === 'room:list' && list.rooms.some((r) => r.id === dmId)).toBe(false);
    // A note to self is one DM too, however often it is opened.
    const self1 = await alice.request({ type: 'dm:open', userId: alice.userId });
    const self2 = await alice.request({ type: 'dm:open', userId: alice.userId });
    expect(
      self1.type === 'room:joined' &&
        self2.type === 'room:joined' &&
        self1.room.id === self2.room.id,
    ).toBe(true);
    expect(self1.type === 'room:joined' && self1.room.members).toEqual([alice.userId]);
    const unknownUser = await alice.request({ type: 'dm:open', userId: 'u_nobodyhere' });
    expect(unknownUser).toMatchObject({ type: 'error', code: 'not_found' });
  });
});

describe('message changes', () => {
  it('edits, reacts and deletes, fanning out message:updated', async () => {
    const ack = await bob.say('r_general', 'typo heer');
    const seq = ack.seq;
    expect(
      await alice.request({ type: 'message:edit', roomId: 'r_general', seq, text: 'not yours' }),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      await bob.request({ type: 'message:edit', roomId: 'r_general', seq, text: 'typo here' }),
    ).toMatchObject({ type: 'ok' });
    const edited = await carol.waitFor(
      (f) =>
        f.type === 'message:updated' && f.message.seq === seq && f.message.text === 'typo here',
    );
    expect(edited.type === 'message:updated' && edited.message.editedAt).toBeGreaterThan(0);

    await alice.request({ type: 'reaction:add', roomId: 'r_general', seq, emoji: '👍' });
    await carol.request({ type: 'reaction:add', roomId: 'r_general', seq, emoji: '👍' });
    await carol.request({ type: 'reaction:add', roomId: 'r_general', seq, emoji: '👍' }); // idempotent
    const reacted = await bob.waitFor(
      (f) =>
        f.type === 'message:updated' &&
        f.message.seq === seq &&
        f.message.reactions['👍']?.length === 2,
    );
    expect(reacted.type === 'message:updated' && reacted.message.reactions['👍']?.sort()).toEqual(
      [alice.userId, carol.userId].sort(),
    );
    // Emoji are plain keys, never object internals.
    expect(
      await alice.request({ type: 'reaction:add', roomId: 'r_general', seq, emoji: '__proto__' }),
    ).toMatchObject({ code: 'invalid' });
    expect(
      await alice.request({ type: 'reaction:add', roomId: 'r_general', seq, emoji: 'constructor' }),
    ).toMatchObject({ type: 'ok' });
    const odd = await bob.waitFor(
      (f) =>
        f.type === 'message:updated' &&
        f.message.seq === seq &&
        Object.hasOwn(f.message.reactions, 'constructor'),
    );
    expect(odd.type === 'message:updated' && odd.message.reactions['constructor']).toEqual([
      alice.userId,
    ]);
    await alice.request({
      type: 'reaction:remove',
      roomId: 'r_general',
      seq,
      emoji: 'constructor',
    });
    await carol.request({ type: 'reaction:remove', roomId: 'r_general', seq, emoji: '👍' });
    await bob.waitFor(
      (f) =>
        f.type === 'message:updated' &&
        f.message.seq === seq &&
        f.message.reactions['👍']?.length === 1,
    );

    expect(await bob.request({ type: 'message:delete', roomId: 'r_general', seq })).toMatchObject({
      type: 'ok',
    });
    await alice.waitFor(
      (f) => f.type === 'message:updated' && f.message.seq === seq && f.message.deleted === true,
    );
    const page = await carol.request({
      type: 'history',
      roomId: 'r_general',
      after: seq - 1,
      limit: 1,
    });
    expect(page.type === 'history' && page.messages[0]).toMatchObject({
      seq,
      deleted: true,
      text: '',
      reactions: {},
    });
    expect(
      await bob.request({ type: 'message:edit', roomId: 'r_general', seq, text: 'zombie' }),
    ).toMatchObject({ code: 'not_found' });
    expect(
      await bob.request({ type: 'message:edit', roomId: 'r_general', seq: 9999, text: 'x' }),
    ).toMatchObject({ code: 'not_found' });
  });

  it('relays typing to the other members only, with no reply', async () => {
    const before = alice.frames.length;
    alice.send({ type: 'typing', roomId: 'r_general', typing: true });
    const f = await bob.next((x) => x.type === 'typing');
    expect(f).toEqual({ type: 'typing', roomId: 'r_general', userId: alice.userId, typing: true });
    await carol.waitFor((x) => x.type === 'typing' && x.userId === alice.userId);
    await alice.request({ type: 'ping' });
    expect(alice.frames.slice(before).filter((x) => x.type !== 'pong')).toEqual([]);
  });

  it('clears the typing indicator of a session that drops', async () => {
    const typist = await TestClient.join(t.server.url, 'Typist');
    typist.send({ type: 'typing', roomId: 'r_general', typing: true });
    await bob.waitFor((f) => f.type === 'typing' && f.userId === typist.userId && f.typing);
    typist.ws.terminate();
    const stopped = await bob.next((f) => f.type === 'typing' && f.userId === typist.userId);
    expect(stopped).toMatchObject({ typing: false, roomId: 'r_general' });
  });

  it('keeps read markers per user and syncs them to every session of that user', async () => {
    const second = await TestClient.connect(t.server.url);
    await second.hello({ token: carol.token });
    const last = (await alice.say('r_general', 'unread for carol')).seq;
    expect(await carol.request({ type: 'read', roomId: 'r_general', seq: last })).toMatchObject({
      type: 'ok',
    });
    await second.waitFor((f) => f.type === 'read' && f.roomId === 'r_general' && f.seq === last);
    // Markers never move back.
    await carol.request({ type: 'read', roomId: 'r_general', seq: 1 });
    const list = await carol.request({ type: 'room:list' });
    expect(list.type === 'room:list' && list.rooms.find((r) => r.id === 'r_general')).toMatchObject(
      { readSeq: last, lastSeq: last },
    );
    await second.close();
  });

  it('computes presence over sessions: away only when all are away, offline when none', async () => {
    const dave = await TestClient.join(t.server.url, 'Dave');
    const dave2 = await TestClient.connect(t.server.url);
    await dave2.hello({ token: dave.token });
    await dave.request({ type: 'presence:set', status: 'away' });
    await dave2.request({ type: 'presence:set', status: 'away' });
    await alice.waitFor(
      (f) => f.type === 'presence' && f.userId === dave.userId && f.status === 'away',
    );
    await dave.close();
    await dave2.close();
    await alice.waitFor(
      (f) => f.type === 'presence' && f.userId === dave.userId && f.status === 'offline',
    );
  });

  it('renames a user, keeping names unique', async () => {
    expect(await bob.request({ type: 'profile:update', name: 'alice' })).toMatchObject({
      code: 'name_taken',
    });
    expect(
      await bob.request({
        type: 'profile:update',
        name: 'Robert',
        avatar: { color: '#123456', emoji: '🦊' },
      }),
    ).toMatchObject({ type: 'ok' });
    await carol.waitFor(
      (f) => f.type === 'user:updated' && f.user.name === 'Robert' && f.user.avatar.emoji === '🦊',
    );
  });
});

describe('history', () => {
  it('pages before and after a sequence, bounded, in ascending order', async () => {
    const room = await alice.request({ type: 'room:create', name: 'paging' });
    if (room.type !== 'room:joined') throw new Error('no room');
    const id = room.room.id;
    for (let i = 1; i <= 120; i++)
      alice.send({ type: 'message:send', roomId: id, clientId: `p${i}`, text: `m${i}` });
    await alice.waitFor((f) => f.type === 'message:ack' && f.clientId === 'p120', 10_000);
    const newest = await bob.request({ type: 'history', roomId: id });
    expect(newest.type === 'history' && newest.messages.map((m) => m.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => 71 + i),
    );
    expect(newest.type === 'history' && newest.hasMore).toBe(true);
    const before = await bob.request({ type: 'history', roomId: id, before: 11, limit: 100 });
    expect(before.type === 'history' && before.messages.map((m) => m.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `m${i + 1}`),
    );
    expect(before.type === 'history' && before.hasMore).toBe(false);
    const after = await bob.request({ type: 'history', roomId: id, after: 100, limit: 100 });
    expect(after.type === 'history' && after.messages.map((m) => m.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => 101 + i),
    );
    expect(after.type === 'history' && after.hasMore).toBe(false);
    expect(await bob.request({ type: 'history', roomId: id, limit: 101 } as never)).toMatchObject({
      code: 'invalid',
    });
    expect(await bob.request({ type: 'history', roomId: id, before: 5, after: 1 })).toMatchObject({
      code: 'invalid',
    });
  });
});

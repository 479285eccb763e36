import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../electron/server/server.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('persistence across restarts', () => {
  it('keeps users, rooms, DMs, messages, edits, reactions and read markers', async () => {
    t = await startTestServer({ durable: true, segmentSize: 7 });
    const alice = await TestClient.join(t.server.url, 'Alice');
    const bob = await TestClient.join(t.server.url, 'Bob');
    const room = await alice.request({ type: 'room:create', name: 'keep', topic: 'survives' });
    if (room.type !== 'room:joined') throw new Error('no room');
    const dm = await alice.request({ type: 'dm:open', userId: bob.userId });
    if (dm.type !== 'room:joined') throw new Error('no dm');
    await bob.request({ type: 'room:join', roomId: room.room.id });
    // Enough messages to span several segment files.
    for (let i = 1; i <= 30; i++) await alice.say(room.room.id, `m${i}`);
    await bob.say(dm.room.id, 'private hello');
    await alice.request({ type: 'message:edit', roomId: room.room.id, seq: 3, text: 'm3 edited' });
    await bob.request({ type: 'reaction:add', roomId: room.room.id, seq: 4, emoji: '🎉' });
    await bob.request({ type: 'read', roomId: room.room.id, seq: 20 });
    await Promise.all([alice.close(), bob.close()]);

    const server = await t.restart();
    const back = await TestClient.connect(server.url);
    const welcome = await back.hello({ token: bob.token });
    expect(welcome.user).toMatchObject({ id: bob.userId, name: 'Bob' });
    expect(welcome.users.map((u) => u.name).sort()).toEqual(['Alice', 'Bob']);
    const keep = welcome.rooms.find((r) => r.id === room.room.id);
    expect(keep).toMatchObject({
      name: 'keep',
      topic: 'survives',
      lastSeq: 30,
      readSeq: 20,
      joined: true,
    });
    expect(welcome.rooms.find((r) => r.id === dm.room.id)).toMatchObject({
      kind: 'dm',
      lastSeq: 1,
      joined: true,
    });

    const page = await back.request({ type: 'history', roomId: room.room.id, limit: 100 });
    if (page.type !== 'history') throw new Error(JSON.stringify(page));
    expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(page.messages[2]).toMatchObject({ text: 'm3 edited', editedAt: expect.any(Number) });
    expect(page.messages[3]?.reactions).toEqual({ '🎉': [bob.userId] });
    const dmPage = await back.request({ type: 'history', roomId: dm.room.id });
    expect(dmPage.type === 'history' && dmPage.messages[0]?.text).toBe('private hello');
    // New messages continue the sequence after a restart.
    expect((await back.say(dm.room.id, 'after restart')).seq).toBe(2);
    // Names stay unique across restarts.
    const impostor = await TestClient.connect(server.url);
    expect(await impostor.request({ type: 'hello', protocol: 2, name: 'BOB' })).toMatchObject({
      code: 'name_taken',
    });
    await Promise.all([back.close(), impostor.close()]);
  });

  it('refuses a second server on the same data directory with a clear message', async () => {
    t = await startTestServer();
    await expect(
      startServer({
        dataDir: t.dataDir,
        port: 0,
        host: '127.0.0.1',
        staticDir: null,
        discovery: false,
      }),
    ).rejects.toThrow(/already used by another Parley server/);
    // The first server is unharmed.
    const c = await TestClient.join(t.server.url, 'Still');
    expect((await c.say('r_general', 'fine')).seq).toBe(1);
    await c.close();
  });

  it('rejects an unknown token at hello with a clear error and close 4401', async () => {
    t = await startTestServer();
    const c = await TestClient.connect(t.server.url);
    const reply = await c.request({ type: 'hello', protocol: 2, token: 'not-a-real-token' });
    expect(reply).toMatchObject({ type: 'error', code: 'unauthorized' });
    expect(await c.closed()).toBe(4401);
  });
});

describe('idempotent sends', () => {
  it('never duplicates a resend of the same clientId — concurrent, later, or after a restart', async () => {
    t = await startTestServer();
    const a = await TestClient.join(t.server.url, 'Ann');
    const watcher = await TestClient.join(t.server.url, 'Watcher');
    // Two copies of the same send in flight at once (a resend racing the first ack).
    const id1 = a.send({
      type: 'message:send',
      roomId: 'r_general',
      clientId: 'same',
      text: 'once',
    });
    const id2 = a.send({
      type: 'message:send',
      roomId: 'r_general',
      clientId: 'same',
      text: 'once',
    });
    const [ack1, ack2] = await Promise.all([
      a.waitFor((f) => f.type === 'message:ack' && f.replyTo === id1),
      a.waitFor((f) => f.type === 'message:ack' && f.replyTo === id2),
    ]);
    expect(
      ack1.type === 'message:ack' &&
        ack2.type === 'message:ack' &&
        ack1.seq === ack2.seq &&
        ack1.ts === ack2.ts,
    ).toBe(true);
    const later = await a.say('r_general', 'once', 'same');
    expect(later.seq).toBe(1);
    // Another author may use the same clientId: ids are per author.
    expect((await watcher.say('r_general', 'mine', 'same')).seq).toBe(2);
    await a.close();

    await t.restart();
    const again = await TestClient.connect(t.server.url);
    await again.hello({ token: a.token });
    expect((await again.say('r_general', 'once', 'same')).seq).toBe(1);
    const page = await again.request({ type: 'history', roomId: 'r_general' });
    expect(page.type === 'history' && page.messages.map((m) => m.text)).toEqual(['once', 'mine']);
    expect(watcher.ofType('message:new').filter((f) => f.message.text === 'once')).toHaveLength(1);
    await Promise.all([again.close(), watcher.close()]);
  });
});

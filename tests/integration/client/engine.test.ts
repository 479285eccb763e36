import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_ROOM_ID } from '../../../electron/server/chat/rooms.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { join, memoryStorage, testEngine, waitState, waitTimeline } from '../../helpers/engine.js';
import type { ChatClient } from '../../../shared/client/index.js';

let t: TestServer;
const engines: ChatClient[] = [];
const engine = (...a: Parameters<typeof testEngine>) => {
  const e = testEngine(...a);
  engines.push(e);
  return e;
};
let n = 0;
const uniq = (name: string) => `${name}${++n}`;

beforeAll(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});
afterAll(async () => {
  await t.close();
});

describe('chat client engine against the real server', () => {
  it('two people chat: message, unread count, read marker, typing and presence', async () => {
    const alice = engine();
    const bob = engine();
    const a = await join(alice, t.server.url, uniq('alice'));
    const b = await join(bob, t.server.url, uniq('bob'));
    const aliceName = (await waitState(alice, () => true)).servers[0]!.me!.name;
    // Bob is looking elsewhere, so the message stays unread for him.
    await bob.call('setView', { focused: false, visible: false });
    await waitTimeline(bob, b, GENERAL_ROOM_ID, (tl) => !tl.loading);
    await alice.call('sendMessage', {
      serverId: a,
      roomId: GENERAL_ROOM_ID,
      text: 'hello **bob**',
    });
    const tl = await waitTimeline(bob, b, GENERAL_ROOM_ID, (x) =>
      x.messages.some((m) => m.text === 'hello **bob**'),
    );
    expect(tl.messages.filter((m) => m.text === 'hello **bob**')).toHaveLength(1);
    const msg = tl.messages.find((m) => m.text === 'hello **bob**')!;
    expect(msg.status).toBe('sent');
    expect(msg.seq).toBeGreaterThan(0);
    const unread = await waitState(
      bob,
      (s) => (s.servers[0]!.rooms.find((r) => r.id === GENERAL_ROOM_ID)?.unread ?? 0) >= 1,
    );
    expect(unread.servers[0]!.users.find((u) => u.name === aliceName)?.status).toBe('online');
    await bob.call('markRead', { serverId: b, roomId: GENERAL_ROOM_ID, seq: msg.seq });
    await waitState(
      bob,
      (s) => s.servers[0]!.rooms.find((r) => r.id === GENERAL_ROOM_ID)?.unread === 0,
    );

    await alice.call('setTyping', { serverId: a, roomId: GENERAL_ROOM_ID, typing: true });
    const typing = await waitState(
      bob,
      (s) => (s.servers[0]!.rooms.find((r) => r.id === GENERAL_ROOM_ID)?.typing.length ?? 0) > 0,
    );
    const aliceId = typing.servers[0]!.users.find((u) => u.name === aliceName)!.id;
    expect(typing.servers[0]!.rooms.find((r) => r.id === GENERAL_ROOM_ID)!.typing).toEqual([
      aliceId,
    ]);
    await alice.call('setTyping', { serverId: a, roomId: GENERAL_ROOM_ID, typing: false });
    await waitState(
      bob,
      (s) => s.servers[0]!.rooms.find((r) => r.id === GENERAL_ROOM_ID)!.typing.length === 0,
    );

    await alice.dispose();
    await waitState(
      bob,
      (s) => s.servers[0]!.users.find((u) => u.id === aliceId)?.status === 'offline',
    );
  });

  it('DMs, mentions and notices', async () => {
    const alice = engine();
    const bob = engine();
    const a = await join(alice, t.server.url, uniq('alice'));
    const bobName = uniq('bob');
    const b = await join(bob, t.server.url, bobName);
    const notices: { mention: boolean; roomKind: string; text: string }[] = [];
    bob.onNotice((x) => notices.push(x));
    const bobId = (await waitState(bob, (s) => !!s.servers[0]!.me)).servers[0]!.me!.id;
    await waitState(alice, (s) => s.servers[0]!.users.some((u) => u.id === bobId));
    const { roomId } = await alice.call('openDm', { serverId: a, userId: bobId });
    await alice.call('sendMessage', { serverId: a, roomId, text: 'psst' });
    const s = await waitState(bob, (x) =>
      x.servers[0]!.rooms.some((r) => r.id === roomId && r.unread === 1),
    );
    const dm = s.servers[0]!.rooms.find((r) => r.id === roomId)!;
    expect(dm.kind).toBe('dm');
    expect(dm.name).toMatch(/^alice/);
    expect(dm.mentions).toBe(1);
    await alice.call('sendMessage', {
      serverId: a,
      roomId: GENERAL_ROOM_ID,
      text: `hey @${bobName}!`,
    });
    await waitState(
      bob,
      (x) => x.servers[0]!.rooms.find((r) => r.id === GENERAL_ROOM_ID)!.mentions === 1,
    );
    expect(notices).toContainEqual(expect.objectContaining({ roomKind: 'dm', text: 'psst' }));
    expect(notices).toContainEqual(
      expect.objectContaining({ mention: true, text: `hey @${bobName}!` }),
    );
    void b;
  });

  it('a message written offline is kept, shown as sending, and delivered exactly once', async () => {
    const alice = engine();
    const bob = engine();
    const a = await join(alice, t.server.url, uniq('alice'));
    const b = await join(bob, t.server.url, uniq('bob'));
    await waitTimeline(alice, a, GENERAL_ROOM_ID, (x) => !x.loading);
    alice.net.cut();
    await waitState(alice, (s) => s.servers[0]!.status === 'offline');
    const { clientId } = await alice.call('sendMessage', {
      serverId: a,
      roomId: GENERAL_ROOM_ID,
      text: 'written offline',
    });
    // Accepted means stored on the device before anything else.
    expect(alice.storage.saved.servers[0]!.outbox.map((o) => o.clientId)).toEqual([clientId]);
    const pending = await waitTimeline(alice, a, GENERAL_ROOM_ID, (x) =>
      x.messages.some((m) => m.clientId === clientId),
    );
    expect(pending.messages.find((m) => m.clientId === clientId)!.status).toBe('sending');
    alice.net.restore();
    await waitTimeline(alice, a, GENERAL_ROOM_ID, (x) =>
      x.messages.some((m) => m.clientId === clientId && m.status === 'sent'),
    );
    const seen = await waitTimeline(bob, b, GENERAL_ROOM_ID, (x) =>
      x.messages.some((m) => m.clientId === clientId),
    );
    expect(seen.messages.filter((m) => m.text === 'written offline')).toHaveLength(1);
    expect(alice.storage.saved.servers[0]!.outbox).toEqual([]);
  });

  it('the outbox survives an app restart and a server restart', async () => {
    const storage = memoryStorage();
    const first = engine({ storage });
    const a = await join(first, t.server.url, uniq('alice'));
    await waitTimeline(first, a, GENERAL_ROOM_ID, (x) => !x.loading);
    first.net.cut();
    await waitState(first, (s) => s.servers[0]!.status === 'offline');
    await first.call('sendMessage', {
      serverId: a,
      roomId: GENERAL_ROOM_ID,
      text: 'survives restarts',
    });
    await first.dispose();
    await t.restart({ port: t.server.port });
    const second = engine({ storage });
    await waitState(second, (s) => s.servers[0]?.status === 'online');
    const tl = await waitTimeline(second, a, GENERAL_ROOM_ID, (x) =>
      x.messages.some((m) => m.text === 'survives restarts' && m.status === 'sent'),
    );
    expect(tl.messages.filter((m) => m.text === 'survives restarts')).toHaveLength(1);
    expect(storage.saved.servers[0]!.outbox).toEqual([]);
  });

  it('resumes after a disconnect without gaps or duplicates', async () => {
    const alice = engine();
    const bob = engine();
    const a = await join(alice, t.server.url, uniq('alice'));
    const b = await join(bob, t.server.url, uniq('bob'));
    await waitTimeline(
      bob,
      b,
      GENERAL_ROOM_ID,
      (x) => (!x.loading && x.messages.length > 0) || !x.loading,
    );
    bob.net.cut();
    await waitState(bob, (s) => s.servers[0]!.status === 'offline');
    for (let i = 0; i < 30; i++)
      await alice.call('sendMessage', {
        serverId: a,
        roomId: GENERAL_ROOM_ID,
        text: `missed ${i}`,
      });
    await waitTimeline(
      alice,
      a,
      GENERAL_ROOM_ID,
      (x) =>
        x.messages.filter((m) => m.text.startsWith('missed') && m.status === 'sent').length === 30,
    );
    bob.net.restore();
    const tl = await waitTimeline(
      bob,
      b,
      GENERAL_ROOM_ID,
      (x) => x.messages.filter((m) => m.text.startsWith('missed')).length >= 30,
    );
    const seqs = tl.messages.map((m) => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    expect(tl.messages.filter((m) => m.text.startsWith('missed')).map((m) => m.text)).toEqual(
      Array.from({ length: 30 }, (_, i) => `missed ${i}`),
    );
  });

  it('pages history on scroll-back', async () => {
    const alice = engine();
    const bob = engine();
    const a = await join(alice, t.server.url, uniq('alice'));
    const b = await join(bob, t.server.url, uniq('bob'));
    const { roomId } = await alice.call('createRoom', { serverId: a, name: uniq('history') });
    for (let i = 1; i <= 120; i++)
      await alice.call('sendMessage', { serverId: a, roomId, text: `m${i}` });
    await waitTimeline(
      alice,
      a,
      roomId,
      (x) => x.messages.at(-1)?.text === 'm120' && x.messages.every((m) => m.status === 'sent'),
      15_000,
    );
    await bob.call('joinRoom', { serverId: b, roomId });
    const first = await waitTimeline(bob, b, roomId, (x) => !x.loading && x.messages.length > 0);
    expect(first.messages).toHaveLength(50);
    expect(first.messages.at(-1)!.text).toBe('m120');
    expect(first.hasOlder).toBe(true);
    await bob.call('loadOlder', { serverId: b, roomId });
    await bob.call('loadOlder', { serverId: b, roomId });
    const all = await waitTimeline(bob, b, roomId, (x) => !x.loading && x.messages.length === 120);
    expect(all.hasOlder).toBe(false);
    expect(all.messages.map((m) => m.text)).toEqual(
      Array.from({ length: 120 }, (_, i) => `m${i + 1}`),
    );
  });

  it('edits, deletes and reactions reach the other side; failures are typed', async () => {
    const alice = engine();
    const bob = engine();
    const a = await join(alice, t.server.url, uniq('alice'));
    const b = await join(bob, t.server.url, uniq('bob'));
    await alice.call('sendMessage', { serverId: a, roomId: GENERAL_ROOM_ID, text: 'typo' });
    const tl = await waitTimeline(alice, a, GENERAL_ROOM_ID, (x) =>
      x.messages.some((m) => m.text === 'typo' && m.status === 'sent'),
    );
    const seq = tl.messages.find((m) => m.text === 'typo')!.seq;
    await alice.call('editMessage', { serverId: a, roomId: GENERAL_ROOM_ID, seq, text: 'fixed' });
    await bob.call('react', { serverId: b, roomId: GENERAL_ROOM_ID, seq, emoji: '👍', on: true });
    const seen = await waitTimeline(bob, b, GENERAL_ROOM_ID, (x) =>
      x.messages.some(
        (m) =>
          m.seq === seq &&
          m.text === 'fixed' &&
          m.editedAt !== undefined &&
          (m.reactions['👍']?.length ?? 0) === 1,
      ),
    );
    expect(seen.messages.find((m) => m.seq === seq)!.reactions['👍']).toHaveLength(1);
    await expect(
      bob.call('editMessage', { serverId: b, roomId: GENERAL_ROOM_ID, seq, text: 'mine now' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await alice.call('deleteMessage', { serverId: a, roomId: GENERAL_ROOM_ID, seq });
    await waitTimeline(bob, b, GENERAL_ROOM_ID, (x) =>
      x.messages.some((m) => m.seq === seq && m.deleted === true),
    );
    await expect(
      alice.call('sendMessage', { serverId: a, roomId: GENERAL_ROOM_ID, text: 'x'.repeat(8001) }),
    ).rejects.toThrow(/at most 8000/);
    await expect(alice.call('addServer', { address: 'ftp://nope' })).rejects.toThrow(/http/);
    await expect(alice.call('addServer', { address: '127.0.0.1:9' })).rejects.toThrow(
      /No Parley server/,
    );
  });

  it('refuses a taken name and a wrong password with clear errors', async () => {
    const locked = await startTestServer({ password: 'sesame' });
    try {
      const e = engine();
      const { serverId } = await e.call('addServer', { address: locked.server.url });
      // Known from /api/health before any sign-in, so the UI can ask for the password up front.
      const before = await waitState(e, (x) => x.servers[0]?.info !== undefined);
      expect(before.servers[0]!.info).toMatchObject({
        passwordRequired: true,
        maxUploadBytes: expect.any(Number),
      });
      expect(before.servers[0]!.status).toBe('signed-out');
      await expect(e.call('signIn', { serverId, name: 'zed' })).rejects.toMatchObject({
        code: 'bad_password',
      });
      const s = await waitState(e, (x) => x.servers[0]!.error?.code === 'bad_password');
      expect(s.servers[0]!.status).toBe('signed-out');
      await e.call('signIn', { serverId, name: 'zed', password: 'sesame' });
      const other = engine();
      const o = (await other.call('addServer', { address: locked.server.url })).serverId;
      await expect(
        other.call('signIn', { serverId: o, name: 'ZED', password: 'sesame' }),
      ).rejects.toMatchObject({ code: 'name_taken' });
    } finally {
      await locked.close();
    }
  });

  it('uploads a file with progress, shares it, and the other side downloads the same bytes', async () => {
    const alice = engine();
    const bob = engine();
    const a = await join(alice, t.server.url, uniq('alice'));
    const b = await join(bob, t.server.url, uniq('bob'));
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const source = {
      name: 'report <1>.bin',
      size: bytes.length,
      type: 'application/octet-stream',
      bytes,
    };
    const transferId = await alice.upload(
      { serverId: a, roomId: GENERAL_ROOM_ID, text: 'the report' },
      source,
    );
    await waitState(alice, (s) =>
      s.transfers.some(
        (x) => x.id === transferId && x.status === 'done' && x.loaded === bytes.length,
      ),
    );
    const tl = await waitTimeline(bob, b, GENERAL_ROOM_ID, (x) =>
      x.messages.some((m) => m.file?.name === 'report <1>.bin'),
    );
    const file = tl.messages.find((m) => m.file)!.file!;
    expect(file.size).toBe(bytes.length);
    const { transferId: down } = await bob.call('download', {
      serverId: b,
      roomId: GENERAL_ROOM_ID,
      file,
    });
    await waitState(bob, (s) => s.transfers.some((x) => x.id === down && x.status === 'done'));
    await expect(
      alice.upload(
        { serverId: a, roomId: GENERAL_ROOM_ID },
        { name: 'huge', size: 3 * 1024 ** 3, type: 'x' },
      ),
    ).rejects.toThrow(/takes files up to/);
    await expect(
      alice.upload({ serverId: a, roomId: 'not a room' }, { name: 'x', size: 1, type: 'x' }),
    ).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/^upload: roomId: /),
    });
  });
  it('after a reconnect, the room in view stays read and mentions made meanwhile are counted', async () => {
    const alice = engine();
    const bob = engine();
    const a = await join(alice, t.server.url, uniq('alice'));
    const bobName = uniq('bob');
    const b = await join(bob, t.server.url, bobName);
    const { roomId } = await alice.call('createRoom', { serverId: a, name: uniq('quiet') });
    await bob.call('joinRoom', { serverId: b, roomId });
    await bob.call('setView', {
      serverId: b,
      roomId: GENERAL_ROOM_ID,
      focused: true,
      visible: true,
    });
    await waitTimeline(bob, b, GENERAL_ROOM_ID, (x) => !x.loading);
    await waitTimeline(bob, b, roomId, (x) => !x.loading);
    bob.net.cut();
    await waitState(bob, (s) => s.servers[0]!.status === 'offline');
    for (const text of ['one', 'two', 'three'])
      await alice.call('sendMessage', { serverId: a, roomId: GENERAL_ROOM_ID, text });
    await alice.call('sendMessage', { serverId: a, roomId, text: `@${bobName} look` });
    await waitTimeline(alice, a, roomId, (x) => x.messages.some((m) => m.status === 'sent'));
    bob.net.restore();
    await waitTimeline(bob, b, GENERAL_ROOM_ID, (x) => x.messages.some((m) => m.text === 'three'));
    const s = await waitState(bob, (x) => {
      const rooms = x.servers[0]!.rooms;
      return (
        rooms.find((r) => r.id === GENERAL_ROOM_ID)?.unread === 0 &&
        rooms.find((r) => r.id === roomId)?.mentions === 1
      );
    });
    expect(s.servers[0]!.rooms.find((r) => r.id === roomId)!.unread).toBe(1);
  });

  it('signing out drops that identity’s unsent messages; a failed save keeps nothing', async () => {
    const storage = memoryStorage();
    const e = engine({ storage });
    const a = await join(e, t.server.url, uniq('alice'));
    await waitTimeline(e, a, GENERAL_ROOM_ID, (x) => !x.loading);
    e.net.cut();
    await waitState(e, (s) => s.servers[0]!.status === 'offline');
    await e.call('sendMessage', {
      serverId: a,
      roomId: GENERAL_ROOM_ID,
      text: 'not mine to send later',
    });
    await e.call('signOut', { serverId: a });
    expect(storage.saved.servers[0]!.outbox).toEqual([]);
    expect(storage.saved.servers[0]!.token).toBeUndefined();

    const broken = memoryStorage();
    const f = engine({ storage: broken });
    const b = await join(f, t.server.url, uniq('bob'));
    await waitTimeline(f, b, GENERAL_ROOM_ID, (x) => !x.loading);
    f.net.cut();
    await waitState(f, (s) => s.servers[0]!.status === 'offline');
    broken.save = () => Promise.reject(new Error('disk full'));
    await expect(
      f.call('sendMessage', { serverId: b, roomId: GENERAL_ROOM_ID, text: 'lost?' }),
    ).rejects.toThrow('disk full');
    const tl = await waitTimeline(f, b, GENERAL_ROOM_ID, () => true);
    expect(tl.messages.some((m) => m.text === 'lost?')).toBe(false);
  });
});

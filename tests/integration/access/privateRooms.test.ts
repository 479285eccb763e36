import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_NAME_HEADER, type ServerFrame } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer;
let alice: TestClient;
let bob: TestClient;
let eve: TestClient;
let roomId = '';
let fileId = '';

const codeOf = (f: ServerFrame) => (f.type === 'error' ? f.code : f.type);
/** Whether a frame mentions the private room anywhere (ids, names, summaries). */
const mentionsRoom = (f: ServerFrame) => {
  const json = JSON.stringify(f);
  return json.includes(roomId) || json.includes('Secret plans');
};

beforeAll(async () => {
  t = await startTestServer();
  alice = await TestClient.join(t.server.url, 'Alice');
  bob = await TestClient.join(t.server.url, 'Bob');
  eve = await TestClient.join(t.server.url, 'Eve');
  const created = await alice.request({
    type: 'room:create',
    name: 'Secret plans',
    topic: 'hush',
    private: true,
  });
  if (created.type !== 'room:joined') throw new Error(JSON.stringify(created));
  expect(created.room.private).toBe(true);
  roomId = created.room.id;
  const up = await fetch(`${t.server.url}/api/rooms/${roomId}/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${alice.token}`, [FILE_NAME_HEADER]: 'plan.txt' },
    body: 'the plan',
  });
  expect(up.status).toBe(201);
  fileId = ((await up.json()) as { file: { id: string } }).file.id;
  await alice.request({
    type: 'message:send',
    roomId,
    clientId: 'p1',
    text: 'first secret',
    fileId,
  });
});
afterAll(async () => {
  await Promise.all([alice, bob, eve].map((c) => c.close()));
  await t.close();
});

describe('private rooms', () => {
  it('members add others, who then read history; other members hear of it', async () => {
    expect(await alice.request({ type: 'room:add', roomId, userId: bob.userId })).toMatchObject({
      type: 'ok',
    });
    const joined = await bob.waitFor((f) => f.type === 'room:joined' && f.room.id === roomId);
    expect(joined.type === 'room:joined' && joined.room.private).toBe(true);
    await alice.waitFor(
      (f) => f.type === 'member:changed' && f.roomId === roomId && f.userId === bob.userId,
    );
    const page = await bob.request({ type: 'history', roomId });
    expect(page.type === 'history' && page.messages.map((m) => m.text)).toEqual(['first secret']);
    await bob.say(roomId, 'bob was here');
    const dl = await fetch(`${t.server.url}/api/files/${fileId}`, {
      headers: { Authorization: `Bearer ${bob.token}` },
    });
    expect(await dl.text()).toBe('the plan');
  });

  it('a non-member sees nothing of it through any frame or HTTP route', async () => {
    // Nothing so far reached Eve: no room:updated, message:new, member:changed, typing.
    await alice.request({ type: 'typing', roomId, typing: true }, 300).catch(() => undefined);
    expect(eve.frames.filter(mentionsRoom)).toEqual([]);

    const list = await eve.request({ type: 'room:list' });
    expect(list.type === 'room:list' && list.rooms.some((r) => r.id === roomId)).toBe(false);
    const fresh = await TestClient.connect(t.server.url);
    const w = await fresh.hello({ token: eve.token, resume: { [roomId]: 0 } });
    expect(w.rooms.some((r) => r.id === roomId)).toBe(false);
    await fresh.request({ type: 'ping' });
    expect(fresh.frames.filter(mentionsRoom)).toEqual([]);
    await fresh.close();

    const tries: Parameters<TestClient['request']>[0][] = [
      { type: 'history', roomId },
      { type: 'history', roomId, after: 0 },
      { type: 'room:join', roomId },
      { type: 'room:leave', roomId },
      { type: 'read', roomId, seq: 1 },
      { type: 'message:send', roomId, clientId: 'e1', text: 'let me in' },
      { type: 'message:edit', roomId, seq: 1, text: 'x' },
      { type: 'message:delete', roomId, seq: 1 },
      { type: 'reaction:add', roomId, seq: 1, emoji: '👀' },
      { type: 'typing', roomId, typing: true },
      { type: 'room:add', roomId, userId: eve.userId },
    ];
    for (const frame of tries) {
      const reply = await eve.request(frame);
      expect([frame.type, codeOf(reply)]).toEqual([frame.type, 'not_found']);
      expect(JSON.stringify(reply)).not.toContain('Secret plans');
    }
    const dl = await fetch(`${t.server.url}/api/files/${fileId}`, {
      headers: { Authorization: `Bearer ${eve.token}` },
    });
    expect(dl.status).toBe(403);
    expect(await dl.text()).not.toContain('the plan');
    const head = await fetch(`${t.server.url}/api/files/${fileId}`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${eve.token}` },
    });
    expect(head.status).toBe(403);
    const up = await fetch(`${t.server.url}/api/rooms/${roomId}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${eve.token}`, [FILE_NAME_HEADER]: 'x.txt' },
      body: 'x',
    });
    expect(up.status).toBe(404);
    // Still nothing after all that.
    expect(eve.frames.filter((f) => f.type !== 'error' && mentionsRoom(f))).toEqual([]);
  });

  it("a room's name stays free for those who cannot see it", async () => {
    const other = await eve.request({ type: 'room:create', name: 'secret plans' });
    expect(other.type).toBe('room:joined');
    const dup = await bob.request({ type: 'room:create', name: 'Secret Plans' });
    expect(dup).toMatchObject({ type: 'error', code: 'name_taken' });
  });

  it('leaving a private room shuts it: no rejoining without being added again', async () => {
    expect(await bob.request({ type: 'room:leave', roomId })).toMatchObject({ type: 'room:left' });
    expect(codeOf(await bob.request({ type: 'room:join', roomId }))).toBe('not_found');
    expect(codeOf(await bob.request({ type: 'history', roomId }))).toBe('not_found');
    const dl = await fetch(`${t.server.url}/api/files/${fileId}`, {
      headers: { Authorization: `Bearer ${bob.token}` },
    });
    expect(dl.status).toBe(403);
  });

  it('public rooms are unchanged: anyone reads them, and room:add works there too', async () => {
    const pub = await alice.request({ type: 'room:create', name: 'Open room' });
    if (pub.type !== 'room:joined') throw new Error('no room');
    expect(pub.room.private).toBe(false);
    await eve.waitFor((f) => f.type === 'room:updated' && f.room.id === pub.room.id);
    expect((await eve.request({ type: 'history', roomId: pub.room.id })).type).toBe('history');
    expect(
      await alice.request({ type: 'room:add', roomId: pub.room.id, userId: eve.userId }),
    ).toMatchObject({ type: 'ok' });
    await eve.waitFor((f) => f.type === 'room:joined' && f.room.id === pub.room.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ rateLimit: { perSecond: 10_000, burst: 10_000 } });
});
afterAll(() => t.close());

/** Every message a client has seen for a room, from sync batches and live frames, in arrival order. */
function seen(c: TestClient, roomId: string): Message[] {
  return c.frames.flatMap((f) =>
    f.type === 'sync' && f.roomId === roomId
      ? f.messages
      : f.type === 'message:new' && f.message.roomId === roomId
        ? [f.message]
        : [],
  );
}

describe('resume after a dropped connection', () => {
  it('delivers every missed message exactly once, in order, while others keep talking', async () => {
    const writer = await TestClient.join(t.server.url, 'Writer');
    let reader = await TestClient.join(t.server.url, 'Reader');
    for (let i = 1; i <= 5; i++) await writer.say('r_general', `before ${i}`);
    await reader.waitFor((f) => f.type === 'message:new' && f.message.seq === 5);
    const have = Math.max(...seen(reader, 'r_general').map((m) => m.seq));
    reader.ws.terminate(); // a dropped connection, not a clean goodbye

    // More than one sync batch is missed (batches hold 200).
    for (let i = 1; i <= 450; i++)
      writer.send({
        type: 'message:send',
        roomId: 'r_general',
        clientId: `gap${i}`,
        text: `missed ${i}`,
      });
    await writer.waitFor((f) => f.type === 'message:ack' && f.clientId === 'gap450', 15_000);

    const token = reader.token;
    reader = await TestClient.connect(t.server.url);
    // The writer keeps going while the reader resumes: live and missed messages race.
    const live = (async () => {
      for (let i = 1; i <= 60; i++) {
        writer.send({
          type: 'message:send',
          roomId: 'r_general',
          clientId: `live${i}`,
          text: `live ${i}`,
        });
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await reader.hello({ token, resume: { r_general: have } });
    await live;
    await writer.waitFor((f) => f.type === 'message:ack' && f.clientId === 'live60', 15_000);
    await reader.waitFor(
      (f) =>
        (f.type === 'message:new' || f.type === 'sync') && JSON.stringify(f).includes('"live 60"'),
      15_000,
    );

    const seqs = seen(reader, 'r_general').map((m) => m.seq);
    const expected = Array.from({ length: 450 + 60 }, (_, i) => have + 1 + i);
    expect(seqs).toEqual(expected);
    const syncs = reader.ofType('sync');
    expect(syncs.length).toBeGreaterThanOrEqual(3);
    expect(syncs.at(-1)?.done).toBe(true);
    expect(syncs.slice(0, -1).every((s) => !s.done)).toBe(true);
    await Promise.all([writer.close(), reader.close()]);
  });

  it('resumes a long absence in bounded frames, and caps a position past the end', async () => {
    const w = await TestClient.join(t.server.url, 'Longtexts');
    const room = await w.request({ type: 'room:create', name: 'long texts' });
    if (room.type !== 'room:joined') throw new Error('no room');
    const id = room.room.id;
    // Control characters are legal and grow sixfold in JSON: 150 × ~48 KB of frames.
    const text = '\u0001'.repeat(8000);
    for (let i = 0; i < 150; i++)
      w.send({ type: 'message:send', roomId: id, clientId: `l${i}`, text });
    await w.waitFor((f) => f.type === 'message:ack' && f.clientId === 'l149', 15_000);
    const r = await TestClient.connect(t.server.url);
    let largest = 0;
    r.ws.on('message', (data: Buffer) => (largest = Math.max(largest, data.length)));
    await r.hello({ token: w.token, resume: { [id]: 0 } });
    await r.waitFor((f) => f.type === 'sync' && f.done, 15_000);
    expect(seen(r, id).map((m) => m.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(largest).toBeLessThan(2 * 1024 * 1024);
    // A client that holds "more" than the server (an older backup was restored) still gets live messages.
    const ahead = await TestClient.connect(t.server.url);
    await ahead.hello({ token: w.token, resume: { [id]: 10_000 } });
    await w.say(id, 'after the restore');
    await ahead.waitFor((f) => f.type === 'message:new' && f.message.text === 'after the restore');
    await Promise.all([w.close(), r.close(), ahead.close()]);
  });

  it('sends an empty done batch when nothing was missed, and skips rooms the user is not in', async () => {
    const c = await TestClient.join(t.server.url, 'Calm');
    const last = (await c.say('r_general', 'latest')).seq;
    const again = await TestClient.connect(t.server.url);
    await again.hello({ token: c.token, resume: { r_general: last, r_notjoined0: 0 } });
    const sync = await again.waitFor((f) => f.type === 'sync');
    expect(sync).toEqual({ type: 'sync', roomId: 'r_general', messages: [], done: true });
    await again.request({ type: 'ping' });
    expect(again.ofType('sync')).toHaveLength(1);
    await Promise.all([c.close(), again.close()]);
  });

  it('reconnects with the token in the URL and keeps the identity', async () => {
    const c = await TestClient.join(t.server.url, 'UrlToken');
    const again = await TestClient.connect(t.server.url, { token: c.token });
    const welcome = await again.hello({});
    expect(welcome.user.id).toBe(c.userId);
    expect(welcome.token).toBe(c.token);
    await expect(TestClient.connect(t.server.url, { token: 'bogus' })).rejects.toThrow(/401/);
    await Promise.all([c.close(), again.close()]);
  });
});

describe('a resume that stops reading', () => {
  it('is cut off instead of hoarding the live frames it holds', async () => {
    const s = await startTestServer({
      // Above the resume's 1 MiB drain threshold, so the resume waits rather than being cut off.
      maxBufferedBytes: 2 * 1024 * 1024,
      rateLimit: { perSecond: 1e6, burst: 1e6 },
    });
    try {
      const writer = await TestClient.join(s.server.url, 'Writer');
      const reader = await TestClient.join(s.server.url, 'Reader');
      const text = 'z'.repeat(8000);
      // ~16 MB of history: more than loopback socket buffers absorb, so the resume must wait.
      await s.server.store.messages.seed('r_general', 2000, (seq) => ({
        roomId: 'r_general',
        seq,
        ts: seq,
        authorId: writer.userId,
        clientId: `h${seq}`,
        text,
        reactions: {},
      }));
      const stalled = await TestClient.connect(s.server.url);
      (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      stalled.send({ type: 'hello', protocol: 2, token: reader.token, resume: { r_general: 0 } });
      await reader.close();
      await new Promise((r) => setTimeout(r, 300));
      // Live traffic for the room piles up on the stalled session until the bound cuts it off.
      const gone = () =>
        writer.frames.some(
          (f) => f.type === 'presence' && f.userId === reader.userId && f.status === 'offline',
        );
      for (let i = 0; i < 600 && !gone(); i++) await writer.say('r_general', text, `live${i}`);
      expect(gone()).toBe(true);
      stalled.ws.terminate();
      await writer.close();
    } finally {
      await s.close();
    }
  }, 60_000);
});

describe('pipelining behind hello', () => {
  it('runs frames sent right behind hello after it (and its resume), in order', async () => {
    const c = await TestClient.connect(t.server.url);
    // Registration plus 20 messages, all sent before any answer arrives.
    c.send({ type: 'hello', protocol: 2, name: 'Pipeliner' });
    for (let i = 0; i < 20; i++)
      c.send({ type: 'message:send', roomId: 'r_general', clientId: `pl${i}`, text: `p${i}` });
    await c.waitFor((f) => f.type === 'message:ack' && f.clientId === 'pl19');
    const order = c.frames.filter((f) => f.type === 'welcome' || f.type === 'message:ack');
    expect(order[0]?.type).toBe('welcome');
    const acks = c.ofType('message:ack');
    expect(acks.map((a) => a.clientId)).toEqual(Array.from({ length: 20 }, (_, i) => `pl${i}`));
    expect(acks.map((a) => a.seq)).toEqual([...acks.map((a) => a.seq)].sort((x, y) => x - y));

    // With a resume, a pipelined request is answered after the last sync batch.
    const token = c.ofType('welcome')[0]!.token;
    const again = await TestClient.connect(t.server.url);
    again.send({ type: 'hello', protocol: 2, token, resume: { r_general: 0 } });
    again.send({ type: 'ping', id: 'after' });
    await again.waitFor((f) => f.type === 'pong');
    const types = again.frames.map((f) => (f.type === 'sync' && f.done ? 'sync-done' : f.type));
    expect(types.indexOf('pong')).toBeGreaterThan(types.indexOf('sync-done'));
    await Promise.all([c.close(), again.close()]);
  });
});

describe('batching', () => {
  it('packs a burst of frames for one socket into few WebSocket messages', async () => {
    const sender = await TestClient.join(t.server.url, 'Burst');
    const receiver = await TestClient.join(t.server.url, 'Counter');
    const before = receiver.rawMessages;
    const start = receiver.ofType('message:new').length;
    for (let i = 0; i < 300; i++)
      sender.send({
        type: 'message:send',
        roomId: 'r_general',
        clientId: `b${i}`,
        text: `burst ${i}`,
      });
    await receiver.waitFor(
      (f) => f.type === 'message:new' && f.message.clientId === 'b299',
      10_000,
    );
    const frames = receiver.ofType('message:new').length - start;
    expect(frames).toBe(300);
    // Group commit acks many messages per write, and each turn's fan-out is one message per socket.
    expect(receiver.rawMessages - before).toBeLessThan(frames / 3);
    await Promise.all([sender.close(), receiver.close()]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type ServerFrame } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer;

/** Raw WebSocket messages a client receives, as text, from now on. */
function record(c: TestClient): string[] {
  const raw: string[] = [];
  c.ws.on('message', (data) => raw.push(data.toString()));
  return raw;
}

const framesOf = (raw: string[]): ServerFrame[] =>
  raw.flatMap((m) => {
    const parsed = JSON.parse(m) as ServerFrame | ServerFrame[];
    return Array.isArray(parsed) ? parsed : [parsed];
  });

beforeAll(async () => {
  t = await startTestServer({ rateLimit: { perSecond: 10_000, burst: 10_000 } });
});
afterAll(async () => {
  await t.close();
});

describe('fan-out of shared batches', () => {
  it('writes the same bytes to every member, every message once and in order', async () => {
    const sender = await TestClient.join(t.server.url, 'Sender');
    const readers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => TestClient.join(t.server.url, `Reader${i}`)),
    );
    const room = await sender.request({ type: 'room:create', name: 'broadcast' });
    if (room.type !== 'room:joined') throw new Error('no room');
    const roomId = room.room.id;
    for (const r of readers) await r.request({ type: 'room:join', roomId });
    const raws = readers.map(record);
    // A burst: many messages are stored and fanned out in the same event-loop turns.
    const count = 300;
    await Promise.all(Array.from({ length: count }, (_, i) => sender.say(roomId, `burst ${i}`)));
    for (const r of readers) {
      await r.waitFor(
        (f) => f.type === 'message:new' && f.message.roomId === roomId && f.message.seq === count,
        10_000,
      );
    }
    // Every reader saw exactly the same WebSocket messages, byte for byte. (Only the burst's:
    // the last joins' member:changed may still have been on their way when recording began.)
    const burst = raws.map((raw) => raw.filter((m) => m.includes('"message:new"')));
    for (const raw of burst.slice(1)) expect(raw).toEqual(burst[0]);
    const seqs = framesOf(burst[0]!)
      .filter((f) => f.type === 'message:new')
      .map((f) => (f.type === 'message:new' ? f.message.seq : 0));
    expect(seqs).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    // Batched: fewer WebSocket messages than frames.
    expect(burst[0]!.length).toBeLessThan(count);
    await Promise.all([sender, ...readers].map((c) => c.close()));
  }, 60_000);

  it('keeps per-socket queues apart: the sender also gets its acks, in order', async () => {
    const a = await TestClient.join(t.server.url, 'Acker');
    const b = await TestClient.join(t.server.url, 'Watcher');
    const room = await a.request({ type: 'room:create', name: 'acks' });
    if (room.type !== 'room:joined') throw new Error('no room');
    await b.request({ type: 'room:join', roomId: room.room.id });
    const rawA = record(a);
    const rawB = record(b);
    const acks = await Promise.all(
      Array.from({ length: 50 }, (_, i) => a.say(room.room.id, `own ${i}`)),
    );
    expect(acks.map((x) => x.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    await b.waitFor((f) => f.type === 'message:new' && f.message.seq === 50);
    await a.waitFor((f) => f.type === 'message:new' && f.message.seq === 50);
    const fa = framesOf(rawA);
    const fb = framesOf(rawB);
    // Each ack comes right before its own message:new on the sender's socket.
    for (const ack of fa.filter((f) => f.type === 'message:ack')) {
      const at = fa.indexOf(ack);
      expect(fa[at + 1]).toMatchObject({ type: 'message:new', message: { seq: ack.seq } });
    }
    expect(fb.some((f) => f.type === 'message:ack')).toBe(false);
    expect(fb.filter((f) => f.type === 'message:new')).toHaveLength(50);
    await Promise.all([a.close(), b.close()]);
  }, 30_000);

  it('cuts off a member that stops reading while the others get everything', async () => {
    const s = await startTestServer({
      maxBufferedBytes: 64 * 1024,
      rateLimit: { perSecond: 10_000, burst: 10_000 },
    });
    const fast = await TestClient.join(s.server.url, 'Fast');
    const slow = await TestClient.join(s.server.url, 'Slow');
    const other = await TestClient.join(s.server.url, 'Other');
    const room = await fast.request({ type: 'room:create', name: 'firehose' });
    if (room.type !== 'room:joined') throw new Error('no room');
    await slow.request({ type: 'room:join', roomId: room.room.id });
    await other.request({ type: 'room:join', roomId: room.room.id });
    const raw = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    const dropped = () =>
      other.frames.some(
        (f) => f.type === 'presence' && f.userId === slow.userId && f.status === 'offline',
      );
    const text = 'z'.repeat(LIMITS.textMax);
    let sent = 0;
    for (; sent < 3000 && !dropped(); sent += 20) {
      await Promise.all(Array.from({ length: 20 }, () => fast.say(room.room.id, text)));
    }
    expect(dropped()).toBe(true);
    await other.waitFor((f) => f.type === 'message:new' && f.message.seq === sent, 20_000);
    const seqs = other.ofType('message:new').map((f) => f.message.seq);
    expect(seqs).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
    raw.resume();
    expect(await slow.closed(10_000)).toBe(1006);
    await Promise.all([fast.close(), other.close()]);
    await s.close();
  }, 90_000);
});

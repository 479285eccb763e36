import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { Connection } from '../../../../../electron/server/hub/connection.js';
import { TurnScheduler } from '../../../../../electron/server/hub/sharedBatch.js';
import { createLogger } from '../../../../../shared/log.js';

/** The few socket members Connection uses; bufferedAmount is set by the test. */
function fakeSocket() {
  const ws = {
    readyState: 1,
    bufferedAmount: 0,
    sent: [] as string[],
    terminated: false,
    // Without ws's sender internals, pre-built frames fall back to send() with the payload.
    send(data: string | Buffer) {
      this.sent.push(String(data));
    },
    terminate() {
      this.terminated = true;
      this.readyState = 3;
    },
    close() {
      this.readyState = 2;
    },
  };
  const conn = new Connection(
    ws as unknown as WebSocket,
    '127.0.0.1',
    '127.0.0.1:1',
    { maxBufferedBytes: 1000, batchFrames: true },
    createLogger('test', 'silent'),
    new TurnScheduler(),
  );
  return { ws, conn };
}

describe('Connection bounds', () => {
  it('cuts off a session whose held (resuming) frames pass the bound', () => {
    const { ws, conn } = fakeSocket();
    conn.held.set('r_room1', []);
    for (let i = 1; i <= 9; i++) conn.sendRoomFrame('r_room1', 'x'.repeat(100), i);
    expect(ws.terminated).toBe(false);
    conn.sendRoomFrame('r_room1', 'x'.repeat(200), 10);
    expect(ws.terminated).toBe(true);
    expect(conn.held.size).toBe(0);
  });

  it('gives up waiting on a peer that stops reading during a resume', async () => {
    const { ws, conn } = fakeSocket();
    ws.bufferedAmount = 5_000_000;
    await conn.drained(1024, 50);
    expect(ws.terminated).toBe(true);
  });

  it('judges unread data before sending, so one large reply is not mistaken for a slow reader', () => {
    const { ws, conn } = fakeSocket();
    conn.sendSerialized('y'.repeat(5000));
    conn.flush();
    expect(ws.sent).toHaveLength(1);
    expect(ws.terminated).toBe(false);
    // Now the peer has not read it: the next write finds too much unread and cuts off.
    ws.bufferedAmount = 5000;
    conn.sendSerialized('"next"');
    conn.flush();
    expect(ws.terminated).toBe(true);
  });

  it('writes a long queue as several bounded messages, in order', () => {
    const { ws, conn } = fakeSocket();
    const frame = JSON.stringify('f'.repeat(300 * 1024));
    for (let i = 0; i < 8; i++) conn.sendSerialized(frame);
    conn.flush();
    expect(ws.sent.length).toBeGreaterThan(1);
    expect(ws.sent.every((m) => m.length <= 1024 * 1024 + 2)).toBe(true);
    const frames = ws.sent.flatMap((m) =>
      m.startsWith('[') ? (JSON.parse(m) as string[]) : [JSON.parse(m) as string],
    );
    expect(frames).toHaveLength(8);
  });
});

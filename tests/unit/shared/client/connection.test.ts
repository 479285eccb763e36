import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connection, type ConnectionHandlers } from '../../../../shared/client/connection.js';
import type { SocketLike } from '../../../../shared/client/deps.js';

/** A socket the test drives by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

const timing = {
  backoffBaseMs: 100,
  backoffMaxMs: 1600,
  pingEveryMs: 1000,
  pongWithinMs: 500,
  sendRate: 10,
  sendBurst: 5,
};
const welcome = (replyTo: string) => ({
  type: 'welcome',
  replyTo,
  token: 't',
  user: { id: 'u_abcd', name: 'a', avatar: { color: '#000000' }, status: 'online' },
  server: { name: 's', version: '1', protocol: 1, passwordRequired: false, maxUploadBytes: 10 },
  rooms: [],
  users: [],
  directory: { version: 0, total: 0 },
  prefs: { notify: 'mentions', rooms: {}, sounds: true },
  protected: false,
  files: { access: 'u_abcd.1.x', expiresAt: 1000 },
});

let sockets: FakeSocket[];
let events: string[];
let retries: number[];
let conn: Connection;

function handlers(): ConnectionHandlers {
  return {
    hello: () => ({ token: 't' }),
    welcome: () => events.push('welcome'),
    refused: (code) => events.push(`refused:${code}`),
    frame: (f) => events.push(`frame:${f.type}`),
    down: (retry) => {
      events.push('down');
      if (retry !== undefined) retries.push(retry);
    },
    connecting: () => events.push('connecting'),
  };
}

function connectAndWelcome(): FakeSocket {
  const s = sockets.at(-1)!;
  s.open();
  const hello = JSON.parse(s.sent[0]!) as { id: string; type: string };
  expect(hello.type).toBe('hello');
  s.receive(welcome(hello.id));
  return s;
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  events = [];
  retries = [];
  conn = new Connection(
    'http://h:1',
    (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    handlers(),
    timing,
    () => 0.5,
    () => Date.now(),
  );
});
afterEach(() => {
  conn.stop();
  vi.useRealTimers();
});

describe('Connection', () => {
  it('says hello first, then answers requests by id', async () => {
    conn.start();
    expect(sockets[0]!.url).toBe('ws://h:1/ws');
    const s = connectAndWelcome();
    const answer = conn.request({ type: 'room:list' });
    const sent = JSON.parse(s.sent[1]!) as { id: string };
    s.receive({ type: 'room:list', replyTo: sent.id, rooms: [] });
    await expect(answer).resolves.toMatchObject({ type: 'room:list' });
    const failing = conn.request({ type: 'room:join', roomId: 'r_abcd' });
    s.receive({
      type: 'error',
      replyTo: JSON.parse(s.sent[2]!).id,
      code: 'not_found',
      message: 'No such room.',
    });
    await expect(failing).rejects.toMatchObject({ code: 'not_found', message: 'No such room.' });
  });

  it('reconnects with growing, jittered, capped delays and resets after a welcome', () => {
    conn.start();
    for (let i = 0; i < 7; i++) {
      sockets.at(-1)!.drop();
      vi.advanceTimersByTime(retries.at(-1)!);
    }
    // random() = 0.5 → three quarters of the ceiling: 75, 150, 300, 600, 1200, 1200…
    expect(retries).toEqual([75, 150, 300, 600, 1200, 1200, 1200]);
    connectAndWelcome();
    sockets.at(-1)!.drop();
    expect(retries.at(-1)).toBe(75);
  });

  it('rejects waiting requests when the socket is lost, and refuses requests while offline', async () => {
    conn.start();
    const s = connectAndWelcome();
    const waiting = conn.request({ type: 'room:list' });
    s.drop();
    await expect(waiting).rejects.toMatchObject({ code: 'offline' });
    await expect(conn.request({ type: 'room:list' })).rejects.toMatchObject({ code: 'offline' });
  });

  it('stops retrying when the server refuses hello or the token', () => {
    conn.start();
    const s = sockets[0]!;
    s.open();
    s.receive({
      type: 'error',
      replyTo: JSON.parse(s.sent[0]!).id,
      code: 'bad_password',
      message: 'Wrong password.',
    });
    expect(events).toContain('refused:bad_password');
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    conn.start();
    sockets.at(-1)!.drop(4401);
    expect(events).toContain('refused:unauthorized');
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(2);
  });

  it('paces frames under the server rate limit', () => {
    conn.stop();
    // Heartbeats off here: they would take tokens and, unanswered, drop the link.
    conn = new Connection(
      'http://h:1',
      (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      handlers(),
      { ...timing, pingEveryMs: 60_000 },
    );
    conn.start();
    const s = connectAndWelcome();
    for (let i = 0; i < 25; i++) conn.fire({ type: 'typing', roomId: 'r_abcd', typing: true });
    // Burst of 5, then 10 per second.
    expect(s.sent.length - 1).toBe(5);
    vi.advanceTimersByTime(1000);
    expect(s.sent.length - 1).toBeGreaterThanOrEqual(14);
    expect(s.sent.length - 1).toBeLessThanOrEqual(16);
    vi.advanceTimersByTime(1000);
    expect(s.sent.length - 1).toBe(25);
  });

  it('drops a link that stops answering heartbeats, then reconnects', () => {
    conn.start();
    const s = connectAndWelcome();
    vi.advanceTimersByTime(1000);
    expect(JSON.parse(s.sent.at(-1)!).type).toBe('ping');
    vi.advanceTimersByTime(500);
    expect(events).toContain('down');
    vi.advanceTimersByTime(retries.at(-1)!);
    expect(sockets).toHaveLength(2);
  });

  it('skips frames it cannot read instead of failing', () => {
    conn.start();
    const s = connectAndWelcome();
    s.onmessage?.({ data: 'not json' });
    s.receive([
      { type: 'from:the:future' },
      { type: 'presence', userId: 'u_abcd', status: 'away' },
    ]);
    expect(events.filter((e) => e.startsWith('frame:'))).toEqual(['frame:presence']);
  });
});

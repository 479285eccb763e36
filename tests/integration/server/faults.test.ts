import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_REASONS, LIMITS, PROTOCOL_VERSION } from '../../../shared/protocol/index.js';
import { createLogger } from '../../../shared/log.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

/** Defects a fault review found: each answered clearly, none silently. */

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Sends raw bytes on a fresh TCP connection and returns everything the server answers. */
function rawRequest(port: number, data: string, keepOpen = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let got = '';
    sock.on('data', (d) => (got += d.toString('latin1')));
    sock.on('close', () => resolve(got));
    sock.on('error', reject);
    sock.write(data);
    if (!keepOpen) setTimeout(() => sock.end(), 2000).unref();
  });
}

describe('HTTP edge cases', () => {
  it('answers /api/ paths with dot segments 404, never the web page', async () => {
    t = await startTestServer();
    for (const path of [
      '/api/../index.html',
      '/api/./health',
      '/api/%2e%2e/x',
      '/x/../api/health',
    ]) {
      const res = await rawRequest(
        t.server.port,
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      expect(res.split('\r\n')[0], path).toBe('HTTP/1.1 404 Not Found');
    }
  });

  it('answers oversized headers with 431', async () => {
    t = await startTestServer();
    const big = 'x'.repeat(20 * 1024);
    const res = await rawRequest(
      t.server.port,
      `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${big}\r\n\r\n`,
    );
    expect(res.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });

  it('ends a request whose headers do not arrive in time with 408', async () => {
    t = await startTestServer({ headersTimeoutMs: 1000 });
    // Headers never finished; the server must close on its own (bounded by the test timeout).
    const res = await rawRequest(
      t.server.port,
      'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      true,
    );
    expect(res.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
  });
});

describe('WebSocket edge cases', () => {
  it('closes with the documented reason texts', async () => {
    t = await startTestServer();
    const c = await TestClient.connect(t.server.url);
    const reasons: string[] = [];
    c.ws.on('close', (_code, reason) => reasons.push(reason.toString()));
    await c
      .request({ type: 'hello', protocol: PROTOCOL_VERSION, token: 'no-such-token-at-all' })
      .catch(() => undefined);
    expect(await c.closed()).toBe(CLOSE_REASONS.unknownToken.code);
    expect(reasons).toEqual([CLOSE_REASONS.unknownToken.reason]);
  });

  it('refuses a lone surrogate in a message as invalid and stores nothing', async () => {
    t = await startTestServer();
    const c = await TestClient.join(t.server.url, 'Sur');
    c.sendRaw(
      '{"type":"message:send","id":"s1","roomId":"r_general","clientId":"x1","text":"a\\ud800b"}',
    );
    const reply = await c.next((f) => f.type === 'error' && f.replyTo === 's1');
    expect(reply).toMatchObject({ code: 'invalid' });
    expect(t.server.store.messages.lastSeq('r_general')).toBe(0);
    await c.close();
  });

  it('logs a slow consumer it cuts off', async () => {
    const lines: string[] = [];
    const logger = createLogger('t', 'info', (_l, _s, msg) => lines.push(msg));
    t = await startTestServer({
      maxBufferedBytes: 64 * 1024,
      rateLimit: { perSecond: 10_000, burst: 10_000 },
      logger,
    });
    const slow = await TestClient.join(t.server.url, 'Slow');
    const fast = await TestClient.join(t.server.url, 'Fast');
    const raw = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    const text = 'y'.repeat(LIMITS.textMax);
    const logged = () =>
      lines.some((l) => l.startsWith('slow consumer cut off') && l.includes(slow.userId!));
    for (let sent = 0; sent < 3000 && !logged(); sent += 20)
      await Promise.all(Array.from({ length: 20 }, () => fast.say('r_general', text)));
    expect(logged()).toBe(true);
    raw.resume();
    await fast.close();
  }, 60_000);
});

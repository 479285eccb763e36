import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

describe('stopping', () => {
  it('refuses an upgrade that completes while the server stops, and still finishes stopping', async () => {
    const t = await startTestServer();
    const slow = await TestClient.join(t.server.url, 'Slow');
    // A peer slow to answer the close frame keeps stop() in its close window.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const port = Number(new URL(t.server.url).port);
    const late = connect(port, '127.0.0.1');
    let reply = '';
    late.on('data', (d) => (reply += d.toString('latin1')));
    late.on('error', () => undefined);
    await new Promise((r) => late.once('connect', r));
    late.write(
      'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n',
    );
    const stopped = t.server.stop();
    await new Promise((r) => setTimeout(r, 100));
    late.write('Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
    await stopped;
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 503 Service Unavailable');
    late.destroy();
    await t.close(); // stop() again is a no-op; removes the folder
  });
});

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { LIMITS } from '../../../../shared/protocol/index.js';
import { openSocket } from '../../../../electron/transport/socket.js';

let wss: WebSocketServer;
let url: string;
/** Close codes the server received: ws tells the peer 1009 when a message is too big. */
const serverSaw: number[] = [];
beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  wss.on('connection', (ws, req) => {
    const size = Number(new URL(req.url!, url).searchParams.get('size'));
    ws.on('close', (code) => serverSaw.push(code));
    ws.send('x'.repeat(size));
  });
});
afterAll(() => new Promise((r) => wss.close(r)));

function receive(size: number): Promise<{ got?: number; closed?: boolean }> {
  return new Promise((resolve) => {
    const ws = openSocket(`${url}/?size=${size}`) as unknown as WebSocket;
    ws.onerror = () => undefined;
    ws.onmessage = (e) => {
      resolve({ got: String(e.data).length });
      ws.close();
    };
    ws.onclose = () => resolve({ closed: true });
  });
}

describe('engine socket in main', () => {
  it('accepts a server message up to the protocol limit and refuses a bigger one', async () => {
    expect(await receive(LIMITS.maxServerMessageBytes)).toEqual({
      got: LIMITS.maxServerMessageBytes,
    });
    expect(await receive(LIMITS.maxServerMessageBytes + 1)).toEqual({ closed: true });
    for (let i = 0; i < 100 && serverSaw.length < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(serverSaw).toEqual([1005, 1009]);
  });
});

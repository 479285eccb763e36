import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type ServerFrame } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

/**
 * Password guessing from many addresses: the server has every 127.0.0.x, so each connection
 * below comes from its own address. Bounded: at most 20 addresses × 4 guesses.
 */

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** One registration hello from a given loopback address; resolves with the answer frame. */
function guess(url: string, from: string, password: string, name: string): Promise<ServerFrame> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { localAddress: from });
    ws.on('error', reject);
    ws.on('open', () =>
      ws.send(
        JSON.stringify({ type: 'hello', id: 'h', protocol: PROTOCOL_VERSION, name, password }),
      ),
    );
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if ('replyTo' in frame && frame.replyTo === 'h') {
        resolve(frame);
        ws.close();
      }
    });
  });
}

describe('server password guessing', () => {
  it('many addresses together get no more wrong guesses than the server-wide budget allows', async () => {
    const burst = 5;
    const refillMs = 250;
    t = await startTestServer({
      password: 'right one',
      passwordGate: { freePerAddress: 100, serverBurst: burst, serverRefillMs: refillMs },
    });
    const start = Date.now();
    const answered: number[] = [];
    const all: Promise<void>[] = [];
    for (let a = 2; a < 22; a++) {
      for (let g = 0; g < 2; g++) {
        all.push(
          guess(t.server.url, `127.0.0.${a}`, `wrong ${g}`, `guesser${a}x${g}`).then((f) => {
            expect(f).toMatchObject({ type: 'error', code: 'bad_password' });
            answered.push(Date.now() - start);
          }),
        );
      }
    }
    await Promise.all(all);
    // By any moment, at most burst + elapsed / refill guesses can have been judged (+1 for the
    // guess being answered as the moment passes): 40 addresses' worth cannot come all at once.
    answered.sort((x, y) => x - y);
    answered.forEach((at, i) =>
      expect(i + 1).toBeLessThanOrEqual(burst + Math.floor(at / refillMs) + 1),
    );
    expect(answered).toHaveLength(40);
  }, 60_000);

  it('slows a guessing address down, and its right password still gets in after the wait', async () => {
    t = await startTestServer({
      password: 'right one',
      passwordGate: { freePerAddress: 3, baseDelayMs: 200, maxDelayMs: 1000 },
    });
    const from = '127.0.0.77';
    const waits: number[] = [];
    for (let g = 0; g < 5; g++) {
      const before = Date.now();
      expect(await guess(t.server.url, from, `wrong ${g}`, `g${g}`)).toMatchObject({
        code: 'bad_password',
      });
      waits.push(Date.now() - before);
    }
    // Guesses 4 and 5 waited for their turn (200 ms, then 400 ms after the previous one).
    expect(waits[3]).toBeGreaterThanOrEqual(190);
    expect(waits[4]).toBeGreaterThanOrEqual(390);
    // Locked out means slowed down, not refused: the right password is let in.
    expect(await guess(t.server.url, from, 'right one', 'Finally')).toMatchObject({
      type: 'welcome',
    });
    // Another address was never slowed down.
    expect(await guess(t.server.url, '127.0.0.78', 'right one', 'Other')).toMatchObject({
      type: 'welcome',
    });
  }, 60_000);
});

import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../shared/protocol/index.js';

/** Every benchmark message carries this marker followed by its send time, so receivers count cheaply. */
const MARK = Buffer.from('m@');

/** A receiving socket that only counts marked messages (and, if sampling, records latency). */
export interface Peer {
  ws: WebSocket;
  received: number;
  latencies: number[] | undefined;
  token: string;
}

/** The 100-byte message text a sender puts on the wire. */
export function benchText(now: number): string {
  return `m@${now.toFixed(3)};`.padEnd(100, 'x');
}

function count(peer: Peer, data: Buffer): void {
  let at = data.indexOf(MARK);
  while (at !== -1) {
    peer.received++;
    if (peer.latencies) {
      const end = data.indexOf(59 /* ; */, at);
      peer.latencies.push(performance.now() - Number(data.toString('latin1', at + 2, end)));
    }
    at = data.indexOf(MARK, at + 2);
  }
}

/** Opens one peer; on Parley it registers a user and waits for welcome. */
export async function openPeer(
  url: string,
  kind: 'parley' | 'ws',
  name: string,
  sample: boolean,
): Promise<Peer> {
  const ws = new WebSocket(
    kind === 'parley' ? `${url.replace('http', 'ws')}/ws` : url.replace('http', 'ws'),
    { perMessageDeflate: false },
  );
  const peer: Peer = { ws, received: 0, latencies: sample ? [] : undefined, token: '' };
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (kind === 'parley') {
    const welcome = new Promise<void>((resolve) => {
      const onFirst = (data: Buffer) => {
        const m = /"token":"([^"]+)"/.exec(data.toString());
        if (m) {
          peer.token = m[1]!;
          ws.off('message', onFirst);
          resolve();
        }
      };
      ws.on('message', onFirst);
    });
    ws.send(JSON.stringify({ type: 'hello', id: 'h', protocol: PROTOCOL_VERSION, name }));
    await welcome;
  }
  ws.on('message', (data: Buffer) => count(peer, data));
  return peer;
}

/** Opens many peers a few at a time (the server would see a SYN flood otherwise). */
export async function openPeers(
  url: string,
  kind: 'parley' | 'ws',
  n: number,
  prefix: string,
  samplers: number,
): Promise<Peer[]> {
  const peers: Peer[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, k) =>
      openPeer(url, kind, `${prefix}${i + k}`, i + k < samplers),
    );
    peers.push(...(await Promise.all(batch)));
  }
  return peers;
}

/** Sends one benchmark message. */
export function sendBench(peer: Peer, kind: 'parley' | 'ws', seq: number): void {
  const text = benchText(performance.now());
  peer.ws.send(
    kind === 'parley'
      ? JSON.stringify({
          type: 'message:send',
          id: `s${seq}`,
          roomId: 'r_general',
          clientId: `c${seq}`,
          text,
        })
      : JSON.stringify({ text }),
  );
}

/** Closes peers. */
export async function closePeers(peers: Peer[]): Promise<void> {
  await Promise.all(
    peers.map(
      (p) =>
        new Promise<void>((r) => {
          if (p.ws.readyState === WebSocket.CLOSED) return r();
          p.ws.once('close', () => r());
          p.ws.close();
        }),
    ),
  );
}

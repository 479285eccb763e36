import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../shared/protocol/index.js';
import { SOCKET_IO_ROOM } from './baselines.js';
import type { ServerKind } from './serverProcess.js';

/** The servers a chat peer can talk to. */
export type ChatKind = Exclude<ServerKind, 'pipe'>;

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

const socketUrl = (url: string, kind: ChatKind) => {
  const base = url.replace('http', 'ws');
  if (kind === 'parley') return `${base}/ws`;
  if (kind === 'socketio') return `${base}/socket.io/?EIO=4&transport=websocket`;
  return base;
};

/**
 * Socket.IO by hand, as its protocol documents it: Engine.IO open (`0{…}`), namespace connect
 * (`40` → `40{…}`), join the room with an acknowledged event (`420[…]` → `430[]`). Pings (`2`)
 * are answered with pongs (`3`) for as long as the socket lives.
 */
async function socketIoHandshake(ws: WebSocket): Promise<void> {
  ws.on('message', (data: Buffer) => {
    if (data.length === 1 && data[0] === 0x32 /* 2 */) ws.send('3');
  });
  await new Promise<void>((resolve, reject) => {
    const step = (data: Buffer) => {
      const s = data.toString();
      if (s.startsWith('0{')) ws.send('40');
      else if (s.startsWith('40')) ws.send(`420${JSON.stringify(['join', SOCKET_IO_ROOM])}`);
      else if (s.startsWith('430')) {
        ws.off('message', step);
        resolve();
      } else if (s.startsWith('44')) reject(new Error(`Socket.IO refused: ${s}`));
    };
    ws.on('message', step);
  });
}

/** Parley: register a user (hello with a name) and keep the token from welcome. */
async function parleyHello(ws: WebSocket, peer: Peer, name: string, token?: string) {
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
  ws.send(
    JSON.stringify({
      type: 'hello',
      id: 'h',
      protocol: PROTOCOL_VERSION,
      ...(token ? { token } : { name }),
    }),
  );
  await welcome;
}

/**
 * Opens one peer and completes the server's handshake: on Parley it registers a user (or signs
 * in with `token`) and waits for welcome; on Socket.IO it connects and joins the room.
 */
export async function openPeer(
  url: string,
  kind: ChatKind,
  name: string,
  sample: boolean,
  token?: string,
): Promise<Peer> {
  const ws = new WebSocket(socketUrl(url, kind), { perMessageDeflate: false });
  // Listen before 'open': Engine.IO's first packet can arrive in the same read as the upgrade.
  const handshake = kind === 'socketio' ? socketIoHandshake(ws) : undefined;
  handshake?.catch(() => undefined); // awaited below; this only stops an early unhandled rejection
  const peer: Peer = { ws, received: 0, latencies: sample ? [] : undefined, token: '' };
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (kind === 'parley') await parleyHello(ws, peer, name, token);
  await handshake;
  ws.on('message', (data: Buffer) => count(peer, data));
  return peer;
}

/** Opens many peers a few at a time (the server would see a SYN flood otherwise). */
export async function openPeers(
  url: string,
  kind: ChatKind,
  n: number,
  prefix: string,
  samplers: number,
  tokens?: string[],
): Promise<Peer[]> {
  const peers: Peer[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, k) =>
      openPeer(url, kind, `${prefix}${i + k}`, i + k < samplers, tokens?.[i + k]),
    );
    peers.push(...(await Promise.all(batch)));
  }
  return peers;
}

/** Sends one benchmark message, in the form each server's clients send a chat message. */
export function sendBench(peer: Peer, kind: ChatKind, seq: number): void {
  const text = benchText(performance.now());
  if (kind === 'parley') {
    peer.ws.send(
      JSON.stringify({
        type: 'message:send',
        id: `s${seq}`,
        roomId: 'r_general',
        clientId: `c${seq}`,
        text,
      }),
    );
  } else if (kind === 'socketio') {
    peer.ws.send(`42${JSON.stringify(['m', text])}`);
  } else {
    peer.ws.send(JSON.stringify({ text }));
  }
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

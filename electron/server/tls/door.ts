/**
 * One port, two doors: a TLS client's first byte is a handshake record (0x16); anything else is
 * plain HTTP, which gets a redirect to the same address over https. So typing
 * `192.168.1.20:4747` in a browser still lands on the right page.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { hostAllowed } from '../http/hostCheck.js';
import { sendError } from '../http/respond.js';

/** First byte of a TLS record carrying a handshake (ClientHello). */
const TLS_HANDSHAKE = 0x16;
/** A connection that says nothing for this long is closed before it is told apart. */
const FIRST_BYTE_MS = 30_000;

/** Answers a plain-HTTP request with 308 to the https address of the same path. */
export function redirectToHttps(
  req: IncomingMessage,
  res: ServerResponse,
  allowedHosts: readonly string[],
  port: number,
): void {
  const host = req.headers.host;
  // The guard against DNS rebinding applies here too: never send a browser to a hostile name.
  if (!hostAllowed(host, allowedHosts))
    return sendError(res, 'forbidden', 'This server does not answer to that name.');
  const target = `https://${host ?? `localhost:${port}`}${req.url ?? '/'}`;
  res.writeHead(308, {
    location: target,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(`This Parley server only speaks https. Open ${target}\n`);
}

/** The listening socket of a TLS server, with a way to end the connections only it holds. */
export interface Door {
  server: NetServer;
  /** Ends connections not yet told apart and those of the redirect server (for shutdown). */
  closeOwn(): void;
}

/** A listener that hands TLS connections to `secure` and plain ones to a redirecting server. */
export function createDoor(
  secure: HttpsServer,
  allowedHosts: readonly string[],
  port: () => number,
): Door {
  const plain = createHttpServer({ headersTimeout: 10_000, requestTimeout: 10_000 }, (req, res) =>
    redirectToHttps(req, res, allowedHosts, port()),
  );
  plain.on('clientError', (_err, socket) => socket.destroy());
  const waiting = new Set<Socket>();
  const server = createNetServer((socket: Socket) => {
    socket.on('error', () => socket.destroy());
    waiting.add(socket);
    socket.once('close', () => waiting.delete(socket));
    socket.setTimeout(FIRST_BYTE_MS, () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      waiting.delete(socket);
      socket.pause();
      socket.setTimeout(0);
      socket.unshift(chunk);
      // The TLS socket reads what was put back (Node feeds a wrapped socket's buffer to it).
      (chunk[0] === TLS_HANDSHAKE ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  return {
    server,
    closeOwn() {
      for (const s of waiting) s.destroy();
      plain.closeAllConnections();
    },
  };
}

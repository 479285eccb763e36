import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CLOSE_REASONS,
  type ClientFrame,
  type ErrorCode,
  LIMITS,
  ParleyError,
  parseClientFrame,
  requestIdOf,
} from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';
import type { Directory } from '../chat/directory.js';
import { clientAddress } from '../http/clientAddress.js';
import { hostAllowed } from '../http/hostCheck.js';
import type { PreAuth, SessionHandler } from '../chat/session.js';
import type { ResolvedOptions } from '../options.js';
import { Connection } from './connection.js';
import type { Hub } from './hub.js';
import { RateLimiter } from './rateLimiter.js';

/** What the WebSocket endpoint needs. */
export interface WsDeps {
  opts: ResolvedOptions;
  hub: Hub;
  directory: Directory;
  sessions: SessionHandler;
  log: Logger;
}

/** Answers a refused upgrade with a plain HTTP status and closes the socket. */
function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

/** A browser page may connect only from this server's own origin or an allowed one. */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  // Non-browser clients (the desktop engine in Electron main, tests, CLIs) send no Origin.
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The /ws endpoint: checks origin and token at the upgrade, then runs each socket's session. */
export class WsEndpoint {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  private heartbeat: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(private readonly d: WsDeps) {
    this.wss.on('error', (err) => d.log.warn('websocket server error', err));
  }

  /** Handles the HTTP upgrade event. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    // An upgrade finishing while the server stops would start a session nobody waits for.
    if (this.closing) return refuse(socket, 503, 'Service Unavailable');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      // A synchronous throw here would be uncaught and end the whole process.
      return refuse(socket, 400, 'Bad Request');
    }
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(req.headers.host, this.d.opts.allowedHosts))
      return refuse(socket, 403, 'Forbidden');
    if (!originAllowed(req, this.d.opts.allowedOrigins)) return refuse(socket, 403, 'Forbidden');
    const token = url.searchParams.get('token');
    let preAuth: PreAuth | undefined;
    if (token) {
      const user = this.d.directory.byTokenValue(token);
      if (!user) return refuse(socket, 401, 'Unauthorized');
      preAuth = { user, token };
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, preAuth));
  }

  /** Starts pinging; peers that miss a ping are dropped. */
  startHeartbeat(): void {
    this.heartbeat = setInterval(() => {
      for (const c of this.d.hub.all) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        c.ws.ping();
      }
    }, this.d.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Closes every socket with "going away" and waits (bounded) for them to go. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const conns = [...this.d.hub.all];
    const gone = conns.map(
      (c) =>
        new Promise<void>((r) =>
          c.ws.readyState === c.ws.CLOSED ? r() : c.ws.once('close', () => r()),
        ),
    );
    for (const c of conns) c.closeWith(CLOSE_REASONS.shuttingDown);
    const timeout = new Promise<void>((r) => setTimeout(r, 2000).unref());
    await Promise.race([Promise.all(gone), timeout]);
    for (const c of conns) c.ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage, preAuth: PreAuth | undefined): void {
    if (this.closing) {
      ws.terminate();
      return;
    }
    const { hub, sessions, opts, log } = this.d;
    const address = clientAddress(req, opts.trustProxy);
    const remote = `${address}:${req.socket.remotePort}`;
    const conn = new Connection(
      ws,
      address,
      remote,
      { maxBufferedBytes: opts.maxBufferedBytes, batchFrames: opts.batchFrames },
      log,
      hub.turns,
    );
    hub.add(conn);
    const limiter = new RateLimiter(opts.rateLimit.perSecond, opts.rateLimit.burst);
    // A second bucket counts refused frames: a client that keeps flooding is cut off.
    const strikes = new RateLimiter(opts.rateLimit.perSecond, opts.rateLimit.burst * 2);
    const helloTimer = setTimeout(() => {
      if (conn.userId) return;
      conn.send({ type: 'error', code: 'unauthorized', message: 'No hello received in time.' });
      conn.closeWith(CLOSE_REASONS.noHello);
    }, opts.helloTimeoutMs);
    // While a hello runs (until welcome and any resume are out), later frames wait here and are
    // then dispatched in one synchronous loop, so pipelined frames keep their order.
    let backlog: ClientFrame[] | undefined;
    const receive = (f: ClientFrame): void => {
      if (backlog) {
        // Bounded: a client may pipeline a burst behind hello, not an unending stream.
        if (backlog.length >= opts.rateLimit.burst) {
          conn.closeWith(CLOSE_REASONS.backlogFull);
          return;
        }
        backlog.push(f);
        return;
      }
      if (f.type !== 'hello' || conn.userId) {
        void sessions.handle(conn, f, preAuth);
        return;
      }
      backlog = [];
      void sessions.handle(conn, f, preAuth).finally(() => {
        const queued = backlog ?? [];
        backlog = undefined;
        if (conn.userId) clearTimeout(helloTimer);
        // Frames of a connection that was closed meanwhile are dropped, unanswered (and so, for
        // a well-behaved client, resent with the same ids later).
        for (const q of queued) if (conn.open) receive(q);
      });
    };

    // Without an error listener, ws would throw (e.g. on an oversized frame) and take the app down.
    ws.on('error', (err) => log.debug(`socket ${remote}: ${err.message}`));
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => {
      clearTimeout(helloTimer);
      sessions.closed(conn);
    });
    /** An error frame, tied to the request when the raw text has a usable id. */
    const reject = (code: ErrorCode, message: string, raw = ''): void => {
      const replyTo = raw ? requestIdOf(raw) : undefined;
      conn.send({ type: 'error', ...(replyTo ? { replyTo } : {}), code, message });
    };
    ws.on('message', (data: RawData, isBinary: boolean) => {
      conn.alive = true;
      const text = isBinary ? '' : data.toString();
      if (!limiter.take()) {
        if (!strikes.take()) return conn.closeWith(CLOSE_REASONS.tooManyFrames);
        return reject('rate_limited', 'Too many frames; slow down and resend.', text);
      }
      if (isBinary)
        return reject('unsupported_data', 'Binary frames are not supported; send JSON text.');
      let frame: ClientFrame;
      try {
        frame = parseClientFrame(text);
      } catch (err) {
        if (err instanceof ParleyError) return reject(err.code, err.message, text);
        return reject('bad_frame', 'Unreadable frame.', text);
      }
      receive(frame);
    });
  }
}

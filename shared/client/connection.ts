/**
 * One WebSocket session with one server: hello, request/answer matching, paced sending under the
 * server's rate limit, heartbeats, and reconnecting with backoff and jitter after any loss.
 */
import { ChatApiError } from '../api/calls.js';
import {
  CLOSE_CODES,
  IDENTITY_CHANGED,
  PROTOCOL_VERSION,
  ServerFrame,
  type ClientFrame,
  type ClientFrameOf,
  type ServerFrameOf,
} from '../protocol/index.js';
import { socketUrl } from './address.js';
import type { SocketFactory, SocketLike } from './deps.js';

/** A client frame before the connection gives it a request id. */
export type Outgoing = ClientFrame extends infer F
  ? F extends ClientFrame
    ? Omit<F, 'id'>
    : never
  : never;
/** Hello fields the owner supplies for each (re)connection. */
export type HelloFields = Omit<ClientFrameOf<'hello'>, 'id' | 'type' | 'protocol'>;

/** What the owner of a connection hears. */
export interface ConnectionHandlers {
  /** Fields for the next hello (token, resume positions); undefined stops connecting. */
  hello(): HelloFields | undefined;
  welcome(frame: ServerFrameOf<'welcome'>): void;
  /** Hello was refused (bad password, name taken, unknown token…); no retry. */
  refused(code: string, message: string): void;
  frame(frame: ServerFrame): void;
  /** The socket is gone; `retryInMs` when a reconnect is scheduled. */
  down(retryInMs: number | undefined, reason: string): void;
  connecting(): void;
}

/** Timing knobs (tests shorten them). */
export interface ConnectionTiming {
  backoffBaseMs: number;
  backoffMaxMs: number;
  pingEveryMs: number;
  pongWithinMs: number;
  /** Sustained frames per second; the server allows 50 with a burst of 200. */
  sendRate: number;
  sendBurst: number;
}

/** Defaults that stay well inside the server's limits. */
export const DEFAULT_TIMING: ConnectionTiming = {
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  // A lost link (Wi-Fi gone, host asleep) is noticed within 5 s: a ping every 2 s, and the
  // link counts as dead when 3 s pass without any answer.
  pingEveryMs: 2_000,
  pongWithinMs: 3_000,
  sendRate: 40,
  sendBurst: 100,
};

interface Pending {
  resolve: (frame: ServerFrame) => void;
  reject: (err: Error) => void;
}

const OPEN = 1;

/** Close codes after which the client stops reconnecting, and the refusal each one means. */
const REFUSALS = new Map<number, string>([
  [CLOSE_CODES.unauthorized, 'unauthorized'],
  [CLOSE_CODES.protocolMismatch, 'protocol_mismatch'],
  [CLOSE_CODES.kicked, 'kicked'],
  [CLOSE_CODES.revoked, 'revoked'],
  [CLOSE_CODES.identityChanged, IDENTITY_CHANGED],
]);

/** A reconnecting session with one server. */
export class Connection {
  private socket: SocketLike | undefined;
  private ready = false;
  private stopped = true;
  private attempt = 0;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly queue: string[] = [];
  private tokens: number;
  private lastRefill = 0;
  private drainTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly url: string,
    private readonly makeSocket: SocketFactory,
    private readonly handlers: ConnectionHandlers,
    private readonly timing: ConnectionTiming = DEFAULT_TIMING,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = timing.sendBurst;
  }

  /** Whether hello has been answered with welcome on the current socket. */
  get online(): boolean {
    return this.ready;
  }

  /** Starts (or restarts now) connecting. */
  start(): void {
    this.stopped = false;
    this.attempt = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.closeSocket();
    this.open();
  }

  /** Disconnects for good (until start()). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.closeSocket();
  }

  /** Sends a request and resolves with its answer; rejects with the server's error or when offline. */
  request<T extends ServerFrame = ServerFrame>(frame: Outgoing): Promise<T> {
    if (!this.ready)
      return Promise.reject(new ChatApiError('offline', 'Not connected to the server right now.'));
    const id = `c${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (f: ServerFrame) => void, reject });
      this.enqueue(JSON.stringify({ ...frame, id }));
    });
  }

  /** Sends a frame whose answer nobody waits for (typing); dropped when offline. */
  fire(frame: Outgoing): void {
    if (!this.ready) return;
    this.request(frame).catch(() => undefined);
  }

  private open(): void {
    const hello = this.handlers.hello();
    if (!hello) return;
    this.handlers.connecting();
    let socket: SocketLike;
    try {
      socket = this.makeSocket(socketUrl(this.url));
    } catch (err) {
      this.lost(err instanceof Error ? err.message : 'cannot connect', undefined);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const id = `h${this.nextId++}`;
      this.pending.set(id, {
        resolve: (f) => this.welcomed(f),
        reject: (err) => this.helloRefused(err),
      });
      // Hello goes first and unpaced: nothing else may be sent before it.
      socket.send(JSON.stringify({ type: 'hello', id, protocol: PROTOCOL_VERSION, ...hello }));
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data);
    };
    socket.onerror = () => undefined;
    socket.onclose = (ev) => {
      if (this.socket === socket) this.lost(ev.reason || `closed (${ev.code})`, ev.code);
    };
  }

  private welcomed(frame: ServerFrame): void {
    if (frame.type !== 'welcome') return;
    this.ready = true;
    this.attempt = 0;
    this.startHeartbeat();
    this.handlers.welcome(frame);
    this.drain();
  }

  private helloRefused(err: Error): void {
    // Losing the socket also rejects hello; only a real refusal stops reconnecting.
    if (!(err instanceof ChatApiError) || err.code === 'offline') return;
    this.stopped = true;
    this.closeSocket();
    this.handlers.refused(err.code, err.message);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    for (const raw of Array.isArray(parsed) ? parsed : [parsed]) {
      const result = ServerFrame.safeParse(raw);
      // A frame this client does not understand (a newer server) is skipped, not fatal.
      if (!result.success) continue;
      const frame = result.data;
      this.gotAlive();
      const replyTo = 'replyTo' in frame ? frame.replyTo : undefined;
      const waiting = replyTo !== undefined ? this.pending.get(replyTo) : undefined;
      if (waiting && replyTo !== undefined) {
        this.pending.delete(replyTo);
        if (frame.type === 'error') {
          waiting.reject(new ChatApiError(frame.code, frame.message));
          continue;
        }
        waiting.resolve(frame);
      }
      // Answers that also change state (room:joined, message:ack, history…) go to the owner too.
      if (frame.type !== 'pong' && frame.type !== 'welcome') this.handlers.frame(frame);
    }
  }

  private lost(reason: string, code: number | undefined): void {
    this.closeSocket();
    const refusal = REFUSALS.get(code ?? 0);
    if (refusal) {
      // Reconnecting would be refused again (or, after a kick, defy the admin; or the server is
      // not the pinned one): stop and say why until the user acts.
      this.stopped = true;
      this.handlers.refused(refusal, reason);
      return;
    }
    if (this.stopped) {
      this.handlers.down(undefined, reason);
      return;
    }
    const slow = code === CLOSE_CODES.rateLimited ? 10 : 1;
    const ceiling = Math.min(
      this.timing.backoffMaxMs,
      this.timing.backoffBaseMs * 2 ** this.attempt * slow,
    );
    // Full jitter keeps a roomful of clients from reconnecting in lockstep after a restart.
    const delay = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    this.attempt = Math.min(this.attempt + 1, 16);
    this.handlers.down(delay, reason);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.open();
    }, delay);
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.ready = false;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
    clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    this.queue.length = 0;
    const err = new ChatApiError('offline', 'The connection to the server was lost.');
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.onerror = () => undefined;
      try {
        socket.close(1000);
      } catch {
        // Already closed.
      }
    }
  }

  private startHeartbeat(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (!this.ready) return;
      this.fire({ type: 'ping' });
      // No answer at all means a dead link (sleep, Wi-Fi change): drop it and reconnect. The
      // deadline runs from the first unanswered ping; later pings must not push it back.
      if (this.pongTimer !== undefined) return;
      this.pongTimer = setTimeout(
        () => this.lost('no answer from the server', undefined),
        this.timing.pongWithinMs,
      );
    }, this.timing.pingEveryMs);
  }

  private gotAlive(): void {
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  private enqueue(data: string): void {
    this.queue.push(data);
    this.drain();
  }

  private drain(): void {
    if (this.drainTimer !== undefined) return;
    const t = this.now();
    this.tokens = Math.min(
      this.timing.sendBurst,
      this.tokens + ((t - this.lastRefill) / 1000) * this.timing.sendRate,
    );
    this.lastRefill = t;
    while (
      this.queue.length > 0 &&
      this.tokens >= 1 &&
      this.socket?.readyState === OPEN &&
      this.ready
    ) {
      this.tokens -= 1;
      this.socket.send(this.queue.shift()!);
    }
    if (this.queue.length > 0 && this.ready) {
      const wait = Math.ceil(((1 - this.tokens) / this.timing.sendRate) * 1000);
      this.drainTimer = setTimeout(
        () => {
          this.drainTimer = undefined;
          this.drain();
        },
        Math.max(wait, 5),
      );
    }
  }
}

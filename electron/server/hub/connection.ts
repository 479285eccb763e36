import { WebSocket } from 'ws';
import { CLOSE_CODES, type ServerFrame } from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';

/** Limits applied to every connection. */
export interface ConnectionLimits {
  /** Bytes the socket may have unsent before the peer counts as not reading (then dropped). */
  maxBufferedBytes: number;
  /** Batch frames per event-loop turn (default). Off only as the benchmark's baseline. */
  batchFrames: boolean;
}

/**
 * One client socket. Outgoing frames are queued and written once per event-loop turn: a single
 * frame as-is, several as one JSON array message. Under load this turns hundreds of small
 * writes per socket into one, which is where most broadcast cost goes.
 */
export class Connection {
  /** The authenticated user, set after hello. */
  userId: string | undefined;
  /** Presence this session asked for. */
  status: 'online' | 'away' = 'online';
  /** Answered the last heartbeat ping (or sent something since). */
  alive = true;
  /** Rooms being resumed: their live frames wait here until the missed ones are sent. */
  readonly held = new Map<string, Array<{ data: string; seq: number | undefined }>>();
  /** Rooms where this session last said it is typing (cleared for others if it drops). */
  readonly typingIn = new Set<string>();
  /** Per resumed room, the last sequence the resume sent: later live copies of those are dropped. */
  readonly resumedUpTo = new Map<string, number>();
  private queue: string[] = [];
  private flushScheduled = false;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly remote: string,
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
  ) {}

  /** Whether the socket can still take frames. */
  get open(): boolean {
    return !this.closed && this.ws.readyState === WebSocket.OPEN;
  }

  /** Queues a frame (serialized here). */
  send(frame: ServerFrame): void {
    this.sendSerialized(JSON.stringify(frame));
  }

  /** Queues an already serialized frame: broadcasts serialize once for every receiver. */
  sendSerialized(data: string): void {
    if (!this.open) return;
    if (!this.limits.batchFrames) {
      this.ws.send(data);
      this.checkBuffered();
      return;
    }
    this.queue.push(data);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Queues a frame that belongs to a room, holding it while that room is being resumed. */
  sendRoomFrame(roomId: string, data: string, seq?: number): void {
    const held = this.held.get(roomId);
    if (held) held.push({ data, seq });
    else if (seq === undefined || seq > (this.resumedUpTo.get(roomId) ?? 0))
      this.sendSerialized(data);
  }

  /** Writes everything queued in one WebSocket message. */
  flush(): void {
    this.flushScheduled = false;
    if (this.queue.length === 0 || !this.open) {
      this.queue = [];
      return;
    }
    const data = this.queue.length === 1 ? this.queue[0]! : `[${this.queue.join(',')}]`;
    this.queue = [];
    this.ws.send(data);
    this.checkBuffered();
  }

  private checkBuffered(): void {
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.warn(`dropping ${this.remote}: ${this.ws.bufferedAmount} bytes unread`);
      this.close(CLOSE_CODES.slowConsumer, 'not reading fast enough');
      // A peer that stopped reading will not read a close frame either.
      this.ws.terminate();
    }
  }

  /** Sends what is queued, then closes with a code and reason. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }
}

import { WebSocket } from 'ws';
import type { CloseReason, ServerFrame } from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';
import { writeFrame, type BatchNode, type TurnScheduler } from './sharedBatch.js';

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
 * writes per socket into one, which is where most broadcast cost goes. The queue is a position
 * in the turn's shared tree (sharedBatch.ts): sockets given the same frames share one built
 * message, so a room's batch is joined, encoded and framed once, not once per member.
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
  /** This turn's queue: the path from the turn's root to this node (undefined: empty). */
  private queued: BatchNode | undefined;
  private heldChars = 0;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    /** The peer's address, for per-address limits. */
    readonly ip: string,
    readonly remote: string,
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
    private readonly turns: TurnScheduler,
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
    if (this.queued) this.queued = this.queued.child(data);
    else {
      this.queued = this.turns.current.child(data);
      this.turns.schedule(this);
    }
  }

  /** Queues a frame that belongs to a room, holding it while that room is being resumed. */
  sendRoomFrame(roomId: string, data: string, seq?: number): void {
    const held = this.held.get(roomId);
    if (held) {
      // Held frames are unread frames too: a resume that never finishes must not hoard them.
      this.heldChars += data.length;
      if (this.heldChars > this.limits.maxBufferedBytes)
        return this.cutOff('held frames over the bound');
      held.push({ data, seq });
    } else if (seq === undefined || seq > (this.resumedUpTo.get(roomId) ?? 0))
      this.sendSerialized(data);
  }

  /** Stops holding a room's live frames and returns them. */
  releaseHeld(roomId: string): Array<{ data: string; seq: number | undefined }> {
    const held = this.held.get(roomId) ?? [];
    this.held.delete(roomId);
    for (const f of held) this.heldChars -= f.data.length;
    return held;
  }

  /** Writes everything queued, as few WebSocket messages of at most ~1 MiB each. */
  flush(): void {
    const queued = this.queued;
    this.queued = undefined;
    if (!queued) return;
    for (const frame of queued.messages()) {
      // Judged before sending: one large reply (a big welcome) is fine, a peer that has not
      // read what it already had is not.
      if (!this.open || !this.checkBuffered()) return;
      writeFrame(this.ws, frame);
    }
    // A peer that stopped reading is found at the latest by the next write's check.
  }

  /** Flushes, then resolves once the peer has read the socket down to `low` bytes (or left). */
  async drained(low = 1024 * 1024, deadlineMs = 30_000): Promise<void> {
    this.flush();
    const deadline = Date.now() + deadlineMs;
    while (this.open && this.ws.bufferedAmount > low) {
      // A peer that stops reading mid-resume (while still sending) is a slow reader too.
      if (Date.now() > deadline) return this.cutOff('stopped reading during a resume');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Drops a peer that stopped reading; false when it was dropped. */
  private checkBuffered(): boolean {
    if (this.ws.bufferedAmount <= this.limits.maxBufferedBytes) return true;
    this.cutOff(`${this.ws.bufferedAmount} bytes unread`);
    return false;
  }

  /** Ends a connection that does not read: it would not read a close frame either. */
  cutOff(why: string): void {
    if (this.closed) return;
    this.log.warn(
      `slow consumer cut off: ${this.remote}${this.userId ? ` (user ${this.userId})` : ''}: ${why}`,
    );
    this.queued = undefined;
    this.held.clear();
    this.heldChars = 0;
    this.closed = true;
    this.ws.terminate();
  }

  /** Closes with one of the CLOSE_REASONS (the documented code and text). */
  closeWith(close: CloseReason): void {
    this.close(close.code, close.reason);
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

import type { WebSocket } from 'ws';

/** Largest WebSocket message built from queued frames (characters of JSON). */
export const MAX_MESSAGE_CHARS = 1024 * 1024;

/**
 * One position in this turn's tree of frame sequences. A socket's queue for the turn is the path
 * from the root to its node: sockets that were given the same frames in the same order (every
 * member of a room, the common case) share a node, so the batch is joined, UTF-8 encoded and
 * framed once for all of them and the same bytes are written to each socket.
 */
export class BatchNode {
  private children: Map<string, BatchNode> | undefined;
  private built: Buffer[] | undefined;

  constructor(
    /** The frame this node adds to its parent's sequence ('' for the root). */
    readonly data: string,
    readonly parent: BatchNode | undefined,
  ) {}

  /** The node for this sequence followed by one more frame. */
  child(data: string): BatchNode {
    // Keyed by the string itself: a broadcast passes the same string object to every member,
    // whose hash V8 computes once.
    this.children ??= new Map();
    let node = this.children.get(data);
    if (!node) this.children.set(data, (node = new BatchNode(data, this)));
    return node;
  }

  /** The frames from the root to here, in order. */
  frames(): string[] {
    const out: string[] = this.parent ? [this.data] : [];
    for (let n = this.parent; n?.parent; n = n.parent) out.push(n.data);
    return out.reverse();
  }

  /**
   * The whole WebSocket frames (header and payload in one buffer each) that carry this sequence:
   * one message of a single frame or a JSON array of frames, split so no message passes
   * MAX_MESSAGE_CHARS (a single larger frame goes alone). Built once, then shared.
   */
  messages(): Buffer[] {
    if (this.built) return this.built;
    const out: Buffer[] = [];
    let batch: string[] = [];
    let chars = 0;
    const seal = () => {
      if (batch.length === 0) return;
      out.push(encodeTextFrame(batch.length === 1 ? batch[0]! : `[${batch.join(',')}]`));
      batch = [];
      chars = 0;
    };
    for (const data of this.frames()) {
      if (chars + data.length > MAX_MESSAGE_CHARS) seal();
      batch.push(data);
      chars += data.length;
    }
    seal();
    return (this.built = out);
  }
}

/** An unmasked, final WebSocket text frame (server to client), header and payload in one buffer. */
export function encodeTextFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const buf = Buffer.allocUnsafe(header + length);
  buf[0] = 0x81; // FIN + text
  if (header === 2) buf[1] = length;
  else if (header === 4) {
    buf[1] = 126;
    buf.writeUInt16BE(length, 2);
  } else {
    buf[1] = 127;
    buf.writeUInt32BE(0, 2);
    buf.writeUInt32BE(length, 6);
  }
  buf.write(text, header, 'utf8');
  return buf;
}

/**
 * The parts of ws's private Sender used to write a pre-built frame, as Socket.IO (engine.io)
 * does: `ws` offers no public call for it. Checked at run time; without them we fall back to
 * `send`, which frames again per socket.
 */
interface SenderInternals {
  _state: number;
  sendFrame(list: Buffer[], cb?: (err?: Error) => void): void;
}

/** Writes a pre-built frame to a socket (or, if ws's internals are not as expected, re-frames). */
export function writeFrame(ws: WebSocket, frame: Buffer): void {
  const sender = (ws as unknown as { _sender?: Partial<SenderInternals> })._sender;
  // _state 0 is DEFAULT: nothing queued inside the sender (no compression, no Blob pending).
  if (sender?._state === 0 && typeof sender.sendFrame === 'function') {
    sender.sendFrame([frame]);
    return;
  }
  const header = frame[1] === 126 ? 4 : frame[1] === 127 ? 10 : 2;
  ws.send(frame.subarray(header), { binary: false });
}

/**
 * Runs every connection's flush once per event-loop turn from one callback, and starts a fresh
 * tree for the next turn. One setImmediate per turn instead of one per socket.
 */
export class TurnScheduler {
  private root = new BatchNode('', undefined);
  private pending: Array<{ flush(): void }> = [];
  private scheduled = false;

  /** The root of the current turn's tree. */
  get current(): BatchNode {
    return this.root;
  }

  /** Flushes `conn` at the end of this turn. */
  schedule(conn: { flush(): void }): void {
    this.pending.push(conn);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  }

  private run(): void {
    this.scheduled = false;
    const pending = this.pending;
    this.pending = [];
    this.root = new BatchNode('', undefined);
    for (const conn of pending) conn.flush();
  }
}

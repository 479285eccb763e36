import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message } from '../../../shared/protocol/index.js';
import { DurableDoc } from './durableDoc.js';

/** One segment file: a bounded run of consecutive messages of one room. */
interface Segment {
  format: 1;
  roomId: string;
  /** Sequence number of messages[0]. */
  first: number;
  messages: Message[];
}

/** A message before the log gives it a sequence number and time. */
export type MessageDraft = Omit<Message, 'seq' | 'ts' | 'roomId'>;

interface RoomState {
  /** Highest sequence handed out (may not be on disk yet). */
  lastSeq: number;
  /** Highest sequence known to be on disk; everything up to it is visible to readers. */
  durableSeq: number;
  /** Settles when the newest append has: appends complete strictly in sequence order. */
  chain: Promise<void>;
  /** Bumped by each rollback, so failures of appends it already undid do not undo newer ones. */
  epoch: number;
  /** `${authorId}\0${clientId}` → seq, for the newest messages only (bounded). */
  recentClientIds: Map<string, number>;
}

/** A write of an existing message failed (the change is not on disk). */
export class StorageError extends Error {
  constructor(cause: unknown) {
    super('storage write failed', { cause });
    this.name = 'StorageError';
  }
}

/** JSON of each stored message, made once: a segment is rewritten on every append to it. */
const messageJsonCache = new WeakMap<Message, string>();

/** The JSON text of a message, cached until `forgetJson` (after it changes). */
export function messageJson(m: Message): string {
  let json = messageJsonCache.get(m);
  if (json === undefined) messageJsonCache.set(m, (json = JSON.stringify(m)));
  return json;
}

/**
 * A segment's file text, the same JSON as JSON.stringify(segment): appending to a segment
 * rewrites it, and joining cached message texts costs a copy instead of serializing up to
 * `segmentSize` messages again for every write.
 */
function serializeSegment(seg: Segment): string {
  const head = `{"format":${seg.format},"roomId":${JSON.stringify(seg.roomId)},"first":${seg.first}`;
  return `${head},"messages":[${seg.messages.map(messageJson).join(',')}]}`;
}

/** How many recent client ids per room are remembered for idempotent resends. */
const DEDUP_WINDOW = 5000;

/**
 * Messages of every room, in per-room segment files of `segmentSize` messages each. The segment
 * of a sequence number is fixed (floor((seq-1)/size)), so appending rewrites only the newest small
 * file no matter how long the history is, and a history page reads at most two files.
 */
export class MessageLog {
  private readonly rooms = new Map<string, RoomState>();
  /** LRU cache of open segments, keyed by path; insertion order is recency. */
  private readonly segments = new Map<string, DurableDoc<Segment>>();
  /** Segment loads in flight, keyed by path. */
  private readonly loading = new Map<string, Promise<DurableDoc<Segment>>>();

  constructor(
    private readonly dir: string,
    private readonly segmentSize: number,
    private readonly durable = true,
    /** Cold segments kept parsed; small on purpose: a big cache of parsed messages costs GC pauses. */
    private readonly maxCachedSegments = 32,
  ) {}

  /** Scans the rooms on disk: reads only the newest segment(s) of each. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const entries = await readdir(this.dir, { withFileTypes: true });
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const files = (await readdir(join(this.dir, e.name)))
        .filter((f) => /^\d{8}\.json$/.test(f))
        .sort();
      // The newest segment holds the last sequence; older ones refill the dedup window, so a
      // resend after a restart is recognised as far back as one made before it.
      const tail: DurableDoc<Segment>[] = [];
      for (const f of files.slice(-(Math.ceil(DEDUP_WINDOW / this.segmentSize) + 1))) {
        tail.push(await this.segment(e.name, Number(f.slice(0, 8))));
      }
      const state = this.room(e.name);
      state.lastSeq = state.durableSeq = await this.cutAtFirstGap(tail);
      for (const seg of tail) for (const m of seg.data.messages) this.remember(state, m);
    }
  }

  /**
   * Segment files are written independently, so a crash can leave a newer one on disk while an
   * older one misses its last writes. Messages after such a gap were never acknowledged (acks
   * complete in order), so they are dropped and the room continues gaplessly. Returns lastSeq.
   */
  private async cutAtFirstGap(tail: DurableDoc<Segment>[]): Promise<number> {
    let next = tail[0]?.data.first ?? 1;
    for (const seg of tail) {
      if (seg.data.first !== next && seg.data.messages.length > 0) break;
      for (const m of seg.data.messages) {
        if (m.seq !== next) break;
        next++;
      }
      if (next < seg.data.first + this.segmentSize) break; // not full: nothing may follow
    }
    const last = next - 1;
    for (const seg of tail) {
      const keep = seg.data.messages.filter((m) => m.seq <= last);
      if (keep.length === seg.data.messages.length) continue;
      seg.data.messages = keep;
      await seg.commit();
    }
    return last;
  }

  /** Highest stored sequence in a room (0 when empty); unacknowledged appends are not counted. */
  lastSeq(roomId: string): number {
    return this.rooms.get(roomId)?.durableSeq ?? 0;
  }

  /** Highest sequence handed out, stored or not. */
  private assignedSeq(roomId: string): number {
    return this.rooms.get(roomId)?.lastSeq ?? 0;
  }

  /** The sequence already given to this author's clientId in this room, if it is recent. */
  findClientId(roomId: string, authorId: string, clientId: string): number | undefined {
    return this.rooms.get(roomId)?.recentClientIds.get(`${authorId}\0${clientId}`);
  }

  /**
   * Gives the draft the next sequence number and queues it for disk. The returned promise
   * resolves once it is durable; on a storage failure it rejects and the message is forgotten.
   */
  append(
    roomId: string,
    draft: MessageDraft,
    ts = Date.now(),
  ): { message: Message; persisted: Promise<void> } {
    const state = this.room(roomId);
    const seq = state.lastSeq + 1;
    const message: Message = { roomId, seq, ts, ...draft };
    const index = this.segmentIndex(seq);
    const path = this.segmentPath(roomId, index);
    let doc = this.segments.get(path);
    if (!doc) {
      // A brand-new segment: nothing on disk yet. The tail segment of every room is pinned in
      // the cache (see cache()), so a segment that exists on disk is always found above.
      doc = this.newSegmentDoc(roomId, index, path);
      this.cache(path, doc);
    }
    doc.data.messages.push(message);
    state.lastSeq = seq;
    this.remember(state, message);
    // Two segments flush independently; chaining keeps completions (acks, fan-out) in order.
    const written = doc.commit();
    written.catch(() => undefined); // observed through the chain below, never left unhandled
    const epoch = state.epoch;
    const done = state.chain
      .then(() => written)
      .then(
        () => {
          if (seq > state.durableSeq) state.durableSeq = seq;
        },
        (err: unknown) => {
          // Reached in sequence order, so everything before this message is on disk: roll back
          // exactly what is not. Later appends of the same epoch fail through the chain.
          if (state.epoch === epoch) this.rollback(roomId, state);
          throw err;
        },
      );
    done.catch(() => undefined);
    state.chain = done;
    return { message, persisted: done };
  }

  /** Waits until a given sequence is on disk (used when a resend arrives before the ack). */
  async whenDurable(roomId: string, seq: number): Promise<void> {
    const state = this.rooms.get(roomId);
    if (!state) return;
    while (seq > state.durableSeq) {
      const chain = state.chain;
      await chain.catch(() => undefined);
      // The chain covers every append made before it; if it did not reach seq, seq failed.
      if (chain === state.chain && seq > state.durableSeq)
        throw new Error('message was not stored');
    }
  }

  /** One message, or undefined. */
  async get(roomId: string, seq: number): Promise<Message | undefined> {
    if (seq < 1 || seq > this.assignedSeq(roomId)) return undefined;
    const seg = await this.segment(roomId, this.segmentIndex(seq));
    return seg.data.messages[seq - seg.data.first];
  }

  /** Changes one stored message and resolves with it once the change is on disk. */
  async update(
    roomId: string,
    seq: number,
    change: (m: Message) => void,
  ): Promise<Message | undefined> {
    if (seq < 1 || seq > this.lastSeq(roomId)) return undefined;
    const seg = await this.segment(roomId, this.segmentIndex(seq));
    const index = seq - seg.data.first;
    const message = seg.data.messages[index];
    if (!message) return undefined;
    const before = structuredClone(message);
    change(message);
    messageJsonCache.delete(message);
    // What this change made, as of now: a later change may touch the live object before this
    // write completes, and must not ride along in this change's announcement.
    const after = structuredClone(message);
    await seg.commit().catch((err: unknown) => {
      // Not on disk, so not in memory either: readers must not see a change that failed.
      if (seg.data.messages[index] === message) seg.data.messages[index] = before;
      throw new StorageError(err);
    });
    return after;
  }

  /** Stored messages with from <= seq <= to, ascending. */
  async range(roomId: string, from: number, to: number): Promise<Message[]> {
    const lo = Math.max(1, from);
    const hi = Math.min(to, this.lastSeq(roomId));
    const out: Message[] = [];
    for (let i = this.segmentIndex(lo); lo <= hi && i <= this.segmentIndex(hi); i++) {
      const seg = await this.segment(roomId, i);
      for (const m of seg.data.messages) if (m.seq >= lo && m.seq <= hi) out.push(m);
    }
    return out;
  }

  /** Resolves when every queued write has finished. */
  async flush(): Promise<void> {
    await Promise.all([...this.segments.values()].map((d) => d.settled()));
  }

  /** Writes a run of ready-made messages straight into segments (for seeding benchmarks). */
  async seed(roomId: string, count: number, make: (seq: number) => Message): Promise<void> {
    const state = this.room(roomId);
    while (count > 0) {
      const seq = state.lastSeq + 1;
      const index = this.segmentIndex(seq);
      const seg = await this.segment(roomId, index);
      const room = this.segmentSize - seg.data.messages.length;
      const n = Math.min(room, count);
      for (let k = 0; k < n; k++) seg.data.messages.push(make(seq + k));
      state.lastSeq = state.durableSeq = seq + n - 1;
      count -= n;
      await seg.commit();
    }
  }

  private room(roomId: string): RoomState {
    let state = this.rooms.get(roomId);
    if (!state) {
      state = {
        lastSeq: 0,
        durableSeq: 0,
        chain: Promise.resolve(),
        epoch: 0,
        recentClientIds: new Map(),
      };
      this.rooms.set(roomId, state);
    }
    return state;
  }

  private remember(state: RoomState, m: Message): void {
    state.recentClientIds.set(`${m.authorId}\0${m.clientId}`, m.seq);
    if (state.recentClientIds.size > DEDUP_WINDOW) {
      const oldest = state.recentClientIds.keys().next().value;
      if (oldest !== undefined) state.recentClientIds.delete(oldest);
    }
  }

  private segmentIndex(seq: number): number {
    return Math.floor((seq - 1) / this.segmentSize);
  }

  private segmentPath(roomId: string, index: number): string {
    return join(this.dir, roomId, `${String(index).padStart(8, '0')}.json`);
  }

  private segment(roomId: string, index: number): Promise<DurableDoc<Segment>> {
    const path = this.segmentPath(roomId, index);
    const cached = this.segments.get(path);
    if (cached) {
      this.cache(path, cached);
      return Promise.resolve(cached);
    }
    // Concurrent readers share one load: two copies of a segment would let one silently
    // overwrite the other's acknowledged change.
    let pending = this.loading.get(path);
    if (!pending) {
      pending = this.newSegmentDoc(roomId, index, path)
        .load()
        .then((doc) => {
          const created = this.segments.get(path); // append may have started it meanwhile
          if (created) return created;
          this.cache(path, doc);
          return doc;
        })
        .finally(() => this.loading.delete(path));
      this.loading.set(path, pending);
    }
    return pending;
  }

  private newSegmentDoc(roomId: string, index: number, path: string): DurableDoc<Segment> {
    const empty: Segment = { format: 1, roomId, first: index * this.segmentSize + 1, messages: [] };
    return new DurableDoc<Segment>(path, empty, this.durable, serializeSegment);
  }

  /**
   * After a failed append: forget every message past the last one on disk, so sequence numbers
   * stay gapless and a message its sender was told failed never appears later. Truncates in
   * place (the tail doc must stay cached: append relies on it) and writes the truncated
   * segments back, in case a later segment reached disk before the failure was seen.
   */
  private rollback(roomId: string, state: RoomState): void {
    state.epoch++;
    state.chain = Promise.resolve();
    state.lastSeq = state.durableSeq;
    for (const [key, seq] of state.recentClientIds)
      if (seq > state.durableSeq) state.recentClientIds.delete(key);
    for (const doc of this.segments.values()) {
      if (doc.data.roomId !== roomId) continue;
      const keep = doc.data.messages.filter((m) => m.seq <= state.durableSeq);
      if (keep.length === doc.data.messages.length) continue;
      doc.data.messages = keep;
      doc.commit().catch(() => undefined);
    }
  }

  /** The newest segment of a room: never evicted, since append writes into it without reading. */
  private isTail(doc: DurableDoc<Segment>): boolean {
    const { roomId, first } = doc.data;
    return this.segmentIndex(first) >= this.segmentIndex(Math.max(1, this.assignedSeq(roomId)));
  }

  private cache(path: string, doc: DurableDoc<Segment>): void {
    this.segments.delete(path);
    this.segments.set(path, doc);
    if (this.segments.size <= this.maxCachedSegments) return;
    for (const [p, d] of this.segments) {
      if (this.segments.size <= this.maxCachedSegments) break;
      if (!d.busy && !this.isTail(d)) this.segments.delete(p);
    }
  }
}

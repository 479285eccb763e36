import { mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Message } from '../../../shared/protocol/index.js';
import type { DurableDoc } from './durableDoc.js';
import type { Segment, SeqsDoc } from './records.js';
import {
  forgetMessageJson,
  SegmentCache,
  type DamageNotice,
  type SegmentEnv,
} from './segmentCache.js';

export type { DamageNotice } from './segmentCache.js';
export { messageJson } from './segmentCache.js';

/** What a message log needs besides its folder (all optional, for tests and benchmarks). */
export interface MessageLogEnv extends Partial<SegmentEnv> {
  /** Where each room's highest handed-out sequence is kept apart from its segments. */
  seqs?: DurableDoc<SeqsDoc>;
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
  /** Segment indices below the newest that are missing or were quarantined: read as empty. */
  holes: Set<number>;
}

/** A write of an existing message failed (the change is not on disk). */
export class StorageError extends Error {
  constructor(cause: unknown) {
    super('storage write failed', { cause });
    this.name = 'StorageError';
  }
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
  private readonly segments: SegmentCache;
  private readonly seqs: DurableDoc<SeqsDoc> | undefined;
  /** Segments found damaged or missing since the log opened (newest last, bounded). */
  readonly damage: DamageNotice[] = [];

  constructor(
    private readonly dir: string,
    private readonly segmentSize: number,
    durable = true,
    /** Cold segments kept parsed; small on purpose: a big cache of parsed messages costs GC pauses. */
    maxCachedSegments = 32,
    env: MessageLogEnv = {},
  ) {
    this.seqs = env.seqs;
    this.segments = new SegmentCache(
      dir,
      segmentSize,
      {
        durable,
        disk: env.disk,
        log: env.log,
        dataDir: env.dataDir ?? dirname(dir),
        onDamage: (n) => {
          this.damage.push(n);
          if (this.damage.length > 100) this.damage.shift();
          env.onDamage?.(n);
        },
      },
      maxCachedSegments,
      (d) => d.busy || this.isTail(d),
    );
    this.segments.onQuarantine = (roomId, index) => this.room(roomId).holes.add(index);
  }

  /**
   * Scans the rooms on disk: reads only the newest segment(s) of each. Damaged segments go to
   * quarantine/, missing ones are reported; both become holes the room reads past, and the
   * room's next sequence number continues after the highest one ever handed out (seqs.json).
   */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const entries = await readdir(this.dir, { withFileTypes: true });
    const reserved = this.seqs?.data.rooms ?? {};
    const roomIds = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    for (const id of Object.keys(reserved)) roomIds.add(id);
    let reservationsChanged = false;
    for (const roomId of roomIds) {
      const present = roomIds.has(roomId)
        ? (await readdir(join(this.dir, roomId)).catch(() => [] as string[]))
            .filter((f) => /^\d{8}\.json$/.test(f))
            .map((f) => Number(f.slice(0, 8)))
            .sort((x, y) => x - y)
        : [];
      const state = this.room(roomId);
      // The newest segment holds the last sequence; older ones refill the dedup window, so a
      // resend after a restart is recognised as far back as one made before it.
      const tail: DurableDoc<Segment>[] = [];
      for (const index of present.slice(-(Math.ceil(DEDUP_WINDOW / this.segmentSize) + 1))) {
        const seg = await this.segments.get(roomId, index);
        if (!state.holes.has(index)) tail.push(seg);
      }
      let last = await this.cutAtFirstGap(tail);
      const newest = present.at(-1) ?? -1;
      // A quarantined newest segment may have been full: never hand its numbers out again.
      for (const index of state.holes) last = Math.max(last, (index + 1) * this.segmentSize);
      const kept = reserved[roomId] ?? 0;
      if (kept > last && this.segments.indexOf(kept) > newest) last = kept;
      const seen = new Set(present);
      for (let i = 0; i <= this.segments.indexOf(Math.max(1, last)) && last > 0; i++) {
        if (seen.has(i) || state.holes.has(i)) continue;
        state.holes.add(i);
        this.segments.reportMissing(roomId, i);
      }
      state.lastSeq = state.durableSeq = last;
      for (const seg of tail) for (const m of seg.data.messages) this.remember(state, m);
      const reserve = this.reservationFor(last);
      if (this.seqs && reserve > kept) {
        this.seqs.data.rooms[roomId] = reserve;
        reservationsChanged = true;
      }
    }
    // Best effort: on a full disk the host starts read-only and the segments still tell.
    if (reservationsChanged) await this.seqs?.commit().catch(() => undefined);
  }

  /** The reservation that covers a sequence: the end of its segment. */
  private reservationFor(seq: number): number {
    return seq <= 0 ? 0 : (this.segments.indexOf(seq) + 1) * this.segmentSize;
  }

  /**
   * Segment files are written independently, so a crash can leave a newer one on disk while an
   * older one misses its last writes. Messages after such a gap were never acknowledged (acks
   * complete in order), so they are dropped and the room continues gaplessly. A missing or
   * quarantined segment in between is a hole, not a gap: what follows it is kept.
   * Returns the last sequence on disk.
   */
  private async cutAtFirstGap(tail: DurableDoc<Segment>[]): Promise<number> {
    let last = 0;
    let prev = -2;
    let cut = false;
    for (const seg of tail) {
      const index = this.segments.indexOf(seg.data.first);
      if (!cut && index === prev + 1 && last < seg.data.first - 1 && seg.data.messages.length > 0)
        cut = true;
      if (cut) {
        if (seg.data.messages.length === 0) continue;
        seg.data.messages = [];
        await seg.commit().catch(() => undefined);
        continue;
      }
      const lastHere = seg.data.messages.at(-1)?.seq;
      if (lastHere !== undefined) last = lastHere;
      prev = index;
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
    const index = this.segments.indexOf(seq);
    // A brand-new segment has nothing on disk yet. The tail segment of every room is pinned in
    // the cache, so a segment that exists on disk is always found here.
    const doc = this.segments.peek(roomId, index) ?? this.segments.create(roomId, index);
    doc.data.messages.push(message);
    state.lastSeq = seq;
    this.remember(state, message);
    // Two segments flush independently; chaining keeps completions (acks, fan-out) in order.
    const written = Promise.all([doc.commit(), this.reserve(roomId, seq)]);
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

  /** Records, before the first message of a new segment is acked, that its numbers are taken. */
  private reserve(roomId: string, seq: number): Promise<void> | undefined {
    const seqs = this.seqs;
    if (!seqs) return undefined;
    const reserve = this.reservationFor(seq);
    if ((seqs.data.rooms[roomId] ?? 0) >= reserve) return undefined;
    seqs.data.rooms[roomId] = reserve;
    return seqs.commit();
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
    const index = this.segments.indexOf(seq);
    if (this.rooms.get(roomId)?.holes.has(index)) return undefined;
    const seg = await this.segments.get(roomId, index);
    return seg.data.messages[seq - seg.data.first];
  }

  /** Changes one stored message and resolves with it once the change is on disk. */
  async update(
    roomId: string,
    seq: number,
    change: (m: Message) => void,
  ): Promise<Message | undefined> {
    if (seq < 1 || seq > this.lastSeq(roomId)) return undefined;
    const index = this.segments.indexOf(seq);
    if (this.rooms.get(roomId)?.holes.has(index)) return undefined;
    const seg = await this.segments.get(roomId, index);
    const at = seq - seg.data.first;
    const message = seg.data.messages[at];
    if (!message) return undefined;
    const before = structuredClone(message);
    change(message);
    forgetMessageJson(message);
    // What this change made, as of now: a later change may touch the live object before this
    // write completes, and must not ride along in this change's announcement.
    const after = structuredClone(message);
    await seg.commit().catch((err: unknown) => {
      // Not on disk, so not in memory either: readers must not see a change that failed.
      if (seg.data.messages[at] === message) seg.data.messages[at] = before;
      throw new StorageError(err);
    });
    return after;
  }

  /** Stored messages with from <= seq <= to, ascending (holes are skipped). */
  async range(roomId: string, from: number, to: number): Promise<Message[]> {
    const lo = Math.max(1, from);
    const hi = Math.min(to, this.lastSeq(roomId));
    const holes = this.rooms.get(roomId)?.holes;
    const out: Message[] = [];
    for (let i = this.segments.indexOf(lo); lo <= hi && i <= this.segments.indexOf(hi); i++) {
      if (holes?.has(i)) continue;
      // A cold segment deep in history: parse the page's lines only (see SegmentCache).
      const cold = await this.segments.readCold(roomId, i, lo, hi);
      if (cold) {
        out.push(...cold);
        continue;
      }
      const seg = await this.segments.get(roomId, i);
      for (const m of seg.data.messages) if (m.seq >= lo && m.seq <= hi) out.push(m);
    }
    return out;
  }

  /**
   * Up to `limit` stored messages before `before` (exclusive), ascending, reading past holes so
   * a lost segment never ends a history; `hasMore` says whether anything older may exist.
   */
  async before(
    roomId: string,
    before: number,
    limit: number,
  ): Promise<{ messages: Message[]; hasMore: boolean }> {
    let end = Math.min(before - 1, this.lastSeq(roomId));
    const out: Message[][] = [];
    let n = 0;
    while (end >= 1 && n < limit) {
      const start = Math.max(1, end - (limit - n) + 1);
      const got = await this.range(roomId, start, end);
      out.unshift(got);
      n += got.length;
      end = start - 1;
      end = this.skipHolesDown(roomId, end);
    }
    return { messages: out.flat(), hasMore: end >= 1 };
  }

  /** Up to `limit` stored messages after `after`, ascending, reading past holes. */
  async after(
    roomId: string,
    after: number,
    limit: number,
  ): Promise<{ messages: Message[]; hasMore: boolean }> {
    const last = this.lastSeq(roomId);
    let start = Math.max(after + 1, 1);
    const out: Message[] = [];
    while (start <= last && out.length < limit) {
      const end = Math.min(last, start + (limit - out.length) - 1);
      out.push(...(await this.range(roomId, start, end)));
      start = this.skipHolesUp(roomId, end + 1);
    }
    return { messages: out, hasMore: start <= last };
  }

  /** The highest sequence at or below `seq` that is not in a hole (0 when none). */
  private skipHolesDown(roomId: string, seq: number): number {
    const holes = this.rooms.get(roomId)?.holes;
    while (seq >= 1 && holes?.has(this.segments.indexOf(seq)))
      seq = this.segments.indexOf(seq) * this.segmentSize;
    return seq;
  }

  /** The lowest sequence at or above `seq` that is not in a hole. */
  private skipHolesUp(roomId: string, seq: number): number {
    const holes = this.rooms.get(roomId)?.holes;
    while (holes?.has(this.segments.indexOf(seq)))
      seq = (this.segments.indexOf(seq) + 1) * this.segmentSize + 1;
    return seq;
  }

  /** Resolves when every queued write has finished. */
  async flush(): Promise<void> {
    await Promise.all([...this.segments.open].map((d) => d.settled()));
    await this.seqs?.settled();
  }

  /** Writes a run of ready-made messages straight into segments (for seeding benchmarks). */
  async seed(roomId: string, count: number, make: (seq: number) => Message): Promise<void> {
    const state = this.room(roomId);
    while (count > 0) {
      const seq = state.lastSeq + 1;
      const seg = await this.segments.get(roomId, this.segments.indexOf(seq));
      const n = Math.min(this.segmentSize - seg.data.messages.length, count);
      for (let k = 0; k < n; k++) seg.data.messages.push(make(seq + k));
      state.lastSeq = state.durableSeq = seq + n - 1;
      count -= n;
      await Promise.all([seg.commit(), this.reserve(roomId, seq)]);
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
        holes: new Set(),
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
    for (const doc of this.segments.open) {
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
    return (
      this.segments.indexOf(first) >= this.segments.indexOf(Math.max(1, this.assignedSeq(roomId)))
    );
  }
}

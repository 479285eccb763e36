import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import type { Message } from '../../../shared/protocol/index.js';

/** What the index keeps of a message: its words and what filters need. */
export interface IndexDoc {
  roomId: string;
  seq: number;
  ts: number;
  authorId: string;
  hasFile: boolean;
  /** Text plus the attached file's name. */
  text: string;
}

/** A search as the worker runs it; rooms are already limited to what the searcher may read. */
export interface IndexQuery {
  text: string;
  rooms: string[];
  authors?: string[];
  hasFile?: boolean;
  before?: number;
  after?: number;
  sort: 'newest' | 'relevance';
  offset: number;
  limit: number;
}

/** One hit: where it is and which indexed words matched (for highlighting). */
export interface IndexHit {
  roomId: string;
  seq: number;
  score: number;
  terms: string[];
}

/** A page of hits and how many there are in all. */
export interface IndexPage {
  hits: IndexHit[];
  total: number;
}

/** The document of a message, or undefined when there is nothing to find in it. */
export function docOf(m: Message): IndexDoc | undefined {
  if (m.deleted) return undefined;
  const text = m.file ? `${m.text} ${m.file.name}` : m.text;
  if (text.trim() === '') return undefined;
  return { roomId: m.roomId, seq: m.seq, ts: m.ts, authorId: m.authorId, hasFile: !!m.file, text };
}

/** Ids pack a room number and a sequence: no per-document object beyond MiniSearch's own. */
const ROOM_SHIFT = 2 ** 32;

/** Per-room columns of what the filters need, indexed by sequence number. */
class RoomColumns {
  ts = new Float64Array(64);
  author = new Int32Array(64);
  /** bit 0: indexed; bit 1: has a file. */
  flags = new Uint8Array(64);
  /** Highest sequence ever indexed from this room (for catching up after a snapshot). */
  upTo = 0;

  set(seq: number, ts: number, author: number, hasFile: boolean): void {
    if (seq >= this.ts.length) this.grow(seq + 1);
    this.ts[seq] = ts;
    this.author[seq] = author;
    this.flags[seq] = 1 | (hasFile ? 2 : 0);
    if (seq > this.upTo) this.upTo = seq;
  }

  private grow(min: number): void {
    let size = this.ts.length;
    while (size < min) size *= 2;
    const ts = new Float64Array(size);
    ts.set(this.ts);
    const author = new Int32Array(size);
    author.set(this.author);
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    Object.assign(this, { ts, author, flags });
  }
}

/** Lower-case, without accents: "Café" finds "cafe". */
function normalize(term: string): string | null {
  const t = term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return t === '' ? null : t;
}

const miniOptions = {
  fields: ['text'],
  storeFields: [],
  processTerm: normalize,
  // Vacuuming is batched in the background; searches in between skip discarded ids.
  autoVacuum: { batchSize: 2000, batchWait: 5, minDirtCount: 200, minDirtFactor: 0.05 },
};

/** Serialized form of a MessageIndex (kept in the data directory). */
export interface IndexSnapshot {
  format: 1;
  rooms: string[];
  users: string[];
  columns: { upTo: number; ts: string; author: string; flags: string }[];
  mini: unknown;
}

const b64 = (a: ArrayBufferView, n: number, bytes: number) =>
  Buffer.from(a.buffer, a.byteOffset, n * bytes).toString('base64');

/** Full-text index of every room (MiniSearch) plus columns for the filters. */
export class MessageIndex {
  private mini: MiniSearch<{ id: number; text: string }>;
  private readonly roomNums = new Map<string, number>();
  private readonly roomIds: string[] = [];
  private readonly userNums = new Map<string, number>();
  private readonly userIds: string[] = [];
  private readonly columns: RoomColumns[] = [];

  constructor(snapshot?: IndexSnapshot) {
    if (!snapshot) {
      this.mini = new MiniSearch(miniOptions);
      return;
    }
    if (snapshot.format !== 1) throw new Error(`unknown index format ${String(snapshot.format)}`);
    this.mini = MiniSearch.loadJS(snapshot.mini as never, miniOptions);
    snapshot.rooms.forEach((r) => this.roomNum(r));
    snapshot.users.forEach((u) => this.userNum(u));
    snapshot.columns.forEach((c, i) => {
      const col = this.columns[i]!;
      const ts = Buffer.from(c.ts, 'base64');
      const n = ts.length / 8;
      col.set(Math.max(0, n - 1), 0, 0, false); // grows the arrays
      col.ts.set(new Float64Array(ts.buffer.slice(ts.byteOffset, ts.byteOffset + ts.length)));
      const au = Buffer.from(c.author, 'base64');
      col.author.set(new Int32Array(au.buffer.slice(au.byteOffset, au.byteOffset + au.length)));
      col.flags.set(Buffer.from(c.flags, 'base64'));
      col.upTo = c.upTo;
    });
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.mini.documentCount;
  }

  /** Highest sequence indexed per room. */
  upTo(): Map<string, number> {
    return new Map(this.roomIds.map((r, i) => [r, this.columns[i]!.upTo]));
  }

  /** Indexes a message in its current state (a deleted or empty one is removed). */
  put(m: Message): void {
    const doc = docOf(m);
    const room = this.roomNum(m.roomId);
    const col = this.columns[room]!;
    const id = room * ROOM_SHIFT + m.seq;
    if (m.seq < col.flags.length && col.flags[m.seq]! & 1) {
      this.mini.discard(id);
      col.flags[m.seq] = 0;
    }
    if (m.seq > col.upTo) col.upTo = m.seq;
    if (!doc) return;
    this.mini.add({ id, text: doc.text });
    col.set(m.seq, doc.ts, this.userNum(doc.authorId), doc.hasFile);
  }

  /** One page of hits, newest first or best first. */
  search(q: IndexQuery): IndexPage {
    const rooms = new Set<number>();
    for (const r of q.rooms) {
      const n = this.roomNums.get(r);
      if (n !== undefined) rooms.add(n);
    }
    const authors = q.authors
      ? new Set(q.authors.map((a) => this.userNums.get(a) ?? -1))
      : undefined;
    const pass = (room: number, seq: number): boolean => {
      const col = this.columns[room]!;
      const flags = col.flags[seq] ?? 0;
      if (!(flags & 1)) return false;
      if (q.hasFile && !(flags & 2)) return false;
      if (authors && !authors.has(col.author[seq]!)) return false;
      const ts = col.ts[seq]!;
      if (q.before !== undefined && ts >= q.before) return false;
      if (q.after !== undefined && ts < q.after) return false;
      return true;
    };
    if (rooms.size === 0) return { hits: [], total: 0 };
    if (q.text.trim() === '') return this.scan(rooms, pass, q);
    const filter = (r: SearchResult) => {
      const id = r.id as number;
      const room = Math.floor(id / ROOM_SHIFT);
      return rooms.has(room) && pass(room, id - room * ROOM_SHIFT);
    };
    // The last word is a prefix, as typed ("depl" finds "deploy"); earlier words are whole.
    // Typos (one edit from 4 letters, two from 8) are forgiven only when the exact words find
    // nothing: fuzzy matching walks much of the vocabulary, and exact hits come first anyway.
    const options: SearchOptions = {
      combineWith: 'AND',
      prefix: (t, i, all) => i === all.length - 1 && t.length >= 2,
      filter,
    };
    let found = this.mini.search(q.text, options);
    if (found.length === 0) {
      found = this.mini.search(q.text, {
        ...options,
        fuzzy: (t) => (t.length >= 8 ? 2 : t.length >= 4 ? 1 : false),
      });
    }
    if (q.sort === 'newest') {
      const tsOf = (r: SearchResult) => {
        const id = r.id as number;
        const room = Math.floor(id / ROOM_SHIFT);
        return this.columns[room]!.ts[id - room * ROOM_SHIFT]!;
      };
      found.sort((a, b) => tsOf(b) - tsOf(a) || (b.id as number) - (a.id as number));
    }
    const hits = found.slice(q.offset, q.offset + q.limit).map((r) => {
      const id = r.id as number;
      const room = Math.floor(id / ROOM_SHIFT);
      return {
        roomId: this.roomIds[room]!,
        seq: id - room * ROOM_SHIFT,
        score: r.score,
        terms: r.terms,
      };
    });
    return { hits, total: found.length };
  }

  /** Filters without words: walk the columns, newest first. */
  private scan(
    rooms: Set<number>,
    pass: (room: number, seq: number) => boolean,
    q: IndexQuery,
  ): IndexPage {
    const all: { room: number; seq: number; ts: number }[] = [];
    for (const room of rooms) {
      const col = this.columns[room]!;
      for (let seq = col.upTo; seq >= 1; seq--)
        if (pass(room, seq)) all.push({ room, seq, ts: col.ts[seq]! });
    }
    all.sort((a, b) => b.ts - a.ts || b.seq - a.seq);
    const hits = all.slice(q.offset, q.offset + q.limit).map((h) => ({
      roomId: this.roomIds[h.room]!,
      seq: h.seq,
      score: 0,
      terms: [],
    }));
    return { hits, total: all.length };
  }

  /** Everything needed to load the index again without reading the message log. */
  snapshot(): IndexSnapshot {
    return {
      format: 1,
      rooms: [...this.roomIds],
      users: [...this.userIds],
      columns: this.columns.map((c) => {
        const n = c.upTo + 1;
        return {
          upTo: c.upTo,
          ts: b64(c.ts, n, 8),
          author: b64(c.author, n, 4),
          flags: b64(c.flags, n, 1),
        };
      }),
      mini: this.mini.toJSON(),
    };
  }

  private roomNum(roomId: string): number {
    let n = this.roomNums.get(roomId);
    if (n === undefined) {
      n = this.roomIds.push(roomId) - 1;
      this.roomNums.set(roomId, n);
      this.columns.push(new RoomColumns());
    }
    return n;
  }

  private userNum(userId: string): number {
    let n = this.userNums.get(userId);
    if (n === undefined) {
      n = this.userIds.push(userId) - 1;
      this.userNums.set(userId, n);
    }
    return n;
  }
}

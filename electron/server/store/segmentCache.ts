import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Message as MessageSchema, type Message } from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';
import { DamagedFileError } from './atomicJsonFile.js';
import type { DiskState } from './diskState.js';
import { DurableDoc } from './durableDoc.js';
import { quarantine } from './quarantine.js';
import { Segment } from './records.js';

/** JSON of each stored message, made once: a segment is rewritten on every append to it. */
const messageJsonCache = new WeakMap<Message, string>();

/** The JSON text of a message, cached until forgetMessageJson (after it changes). */
export function messageJson(m: Message): string {
  let json = messageJsonCache.get(m);
  if (json === undefined) messageJsonCache.set(m, (json = JSON.stringify(m)));
  return json;
}

/**
 * A segment's file text: JSON with one message per line (JSON.stringify never writes a raw
 * newline, so a line is exactly one message). Appending to a segment rewrites it, and joining
 * cached message texts costs a copy instead of serializing up to `segmentSize` messages again;
 * a history page deep in the past parses only its own lines (see readLines).
 */
function serializeSegment(seg: Segment): string {
  const head = `{"format":${seg.format},"roomId":${JSON.stringify(seg.roomId)},"first":${seg.first}`;
  return `${head},"messages":[\n${seg.messages.map(messageJson).join(',\n')}\n]}`;
}

/**
 * Messages first+k (lo <= seq <= hi) from a segment file's text written by serializeSegment,
 * parsing and validating only those lines; undefined for a file in another layout (written
 * before it) or any line that does not check out (the full loader then judges the file).
 */
function readLines(text: string, first: number, lo: number, hi: number): Message[] | undefined {
  let pos = text.indexOf('\n');
  if (!text.startsWith('{"format":1,') || pos === -1 || !text.endsWith('\n]}')) return undefined;
  const out: Message[] = [];
  for (let seq = first; seq <= hi; seq++) {
    const end = text.indexOf('\n', pos + 1);
    // The "]}" line (or, in an empty segment, the blank line before it): no more messages.
    if (end === -1 || end === pos + 1) break;
    if (seq >= lo) {
      const line = text.slice(pos + 1, text.charCodeAt(end - 1) === 44 /* , */ ? end - 1 : end);
      let parsed;
      try {
        parsed = MessageSchema.safeParse(JSON.parse(line));
      } catch {
        return undefined;
      }
      if (!parsed.success || parsed.data.seq !== seq) return undefined;
      out.push(parsed.data);
    }
    pos = end;
  }
  return out;
}

/** Drops a message's cached JSON after it changed. */
export function forgetMessageJson(m: Message): void {
  messageJsonCache.delete(m);
}

/** Messages lost with a damaged or missing segment, for the log and for owners. */
export interface DamageNotice {
  roomId: string;
  /** The segment file, relative to the data directory. */
  file: string;
  /** Sequence numbers the segment held (at most; it may not have been full). */
  from: number;
  to: number;
  /** 'damaged' files were moved to quarantine/; 'missing' ones were gone. */
  kind: 'damaged' | 'missing';
  /** Where the damaged file went, relative to the data directory. */
  movedTo?: string;
  at: number;
}

/** What the segment cache needs besides its folder. */
export interface SegmentEnv {
  durable: boolean;
  disk?: DiskState;
  log?: Logger;
  /** The data directory (quarantine/ lives there); default the messages folder's parent. */
  dataDir: string;
  /** Called once per damaged or missing segment found. */
  onDamage?: (notice: DamageNotice) => void;
}

/**
 * Opens, caches and evicts segment files. A segment that does not load (not JSON, wrong shape,
 * messages out of order) is moved to quarantine/ and reported once; the room reads on without it.
 */
export class SegmentCache {
  /** LRU of open segments, keyed by path; insertion order is recency. */
  private readonly docs = new Map<string, DurableDoc<Segment>>();
  /** Loads in flight, keyed by path: concurrent readers share one. */
  private readonly loading = new Map<string, Promise<DurableDoc<Segment>>>();

  constructor(
    private readonly dir: string,
    readonly size: number,
    private readonly env: SegmentEnv,
    private readonly maxCached: number,
    /** Whether a segment may not be evicted (busy or a room's tail). */
    private readonly pinned: (doc: DurableDoc<Segment>) => boolean,
  ) {}

  /** Index of the segment holding a sequence number. */
  indexOf(seq: number): number {
    return Math.floor((seq - 1) / this.size);
  }

  /** Path of a segment file. */
  pathOf(roomId: string, index: number): string {
    return join(this.dir, roomId, `${String(index).padStart(8, '0')}.json`);
  }

  /** Every open segment. */
  get open(): Iterable<DurableDoc<Segment>> {
    return this.docs.values();
  }

  /** A cached segment without loading it. */
  peek(roomId: string, index: number): DurableDoc<Segment> | undefined {
    return this.docs.get(this.pathOf(roomId, index));
  }

  /** Starts a segment that has nothing on disk yet (caller checked it is not cached). */
  create(roomId: string, index: number): DurableDoc<Segment> {
    const path = this.pathOf(roomId, index);
    const doc = this.fresh(roomId, index, path);
    this.remember(path, doc);
    return doc;
  }

  /** A segment, loaded once; a damaged file is quarantined and an empty segment returned. */
  get(roomId: string, index: number): Promise<DurableDoc<Segment>> {
    const path = this.pathOf(roomId, index);
    const cached = this.docs.get(path);
    if (cached) {
      this.remember(path, cached);
      return Promise.resolve(cached);
    }
    // Two copies of a segment would let one silently overwrite the other's acknowledged change.
    let pending = this.loading.get(path);
    if (!pending) {
      const doc = this.fresh(roomId, index, path);
      pending = doc
        .load()
        .catch(async (err: unknown) => {
          if (!(err instanceof DamagedFileError)) throw err;
          await this.quarantine(roomId, index, path, err.reason);
          return this.fresh(roomId, index, path);
        })
        .then((loaded) => {
          const created = this.docs.get(path); // append may have started it meanwhile
          if (created) return created;
          this.remember(path, loaded);
          return loaded;
        })
        .finally(() => this.loading.delete(path));
      this.loading.set(path, pending);
    }
    return pending;
  }

  /**
   * Messages lo..hi of a segment that is neither cached nor loading, read straight from its
   * file: a page deep in history parses its own lines, not the whole segment, and leaves the
   * cache to the segments being written and read again. Undefined: use get().
   */
  async readCold(
    roomId: string,
    index: number,
    lo: number,
    hi: number,
  ): Promise<Message[] | undefined> {
    const path = this.pathOf(roomId, index);
    if (this.docs.has(path) || this.loading.has(path)) return undefined;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined; // the full loader reports (or creates) it
    }
    // Loaded meanwhile (maybe changed since): the cached copy is the truth.
    if (this.docs.has(path) || this.loading.has(path)) return undefined;
    return readLines(text, index * this.size + 1, lo, hi);
  }

  /** Reports a segment known to be gone (a hole before the newest one). */
  reportMissing(roomId: string, index: number): void {
    const path = this.pathOf(roomId, index);
    const notice = this.notice(roomId, index, path, 'missing');
    this.env.log?.warn(
      `${notice.file} is missing: messages ${notice.from}–${notice.to} of room ${roomId} are lost ` +
        '(the room keeps its other messages and never reuses these numbers)',
    );
    this.env.onDamage?.(notice);
  }

  /** Called for each segment quarantined while loading. */
  onQuarantine: ((roomId: string, index: number) => void) | undefined;

  private async quarantine(
    roomId: string,
    index: number,
    path: string,
    reason: string,
  ): Promise<void> {
    const moved = await quarantine(this.env.dataDir, path);
    const notice = this.notice(roomId, index, path, 'damaged');
    if (moved) notice.movedTo = moved.slice(this.env.dataDir.length + 1);
    this.env.log?.warn(
      `${notice.file} is damaged (${reason}); ${moved ? `moved to ${notice.movedTo}` : 'left in place'}: ` +
        `messages ${notice.from}–${notice.to} of room ${roomId} are lost`,
    );
    this.onQuarantine?.(roomId, index);
    this.env.onDamage?.(notice);
  }

  private notice(
    roomId: string,
    index: number,
    path: string,
    kind: DamageNotice['kind'],
  ): DamageNotice {
    return {
      roomId,
      file: path.startsWith(this.env.dataDir) ? path.slice(this.env.dataDir.length + 1) : path,
      from: index * this.size + 1,
      to: (index + 1) * this.size,
      kind,
      at: Date.now(),
    };
  }

  private fresh(roomId: string, index: number, path: string): DurableDoc<Segment> {
    const empty: Segment = { format: 1, roomId, first: index * this.size + 1, messages: [] };
    return new DurableDoc<Segment>(path, empty, {
      durable: this.env.durable,
      schema: Segment,
      disk: this.env.disk,
      serialize: serializeSegment,
    });
  }

  private remember(path: string, doc: DurableDoc<Segment>): void {
    this.docs.delete(path);
    this.docs.set(path, doc);
    if (this.docs.size <= this.maxCached) return;
    for (const [p, d] of this.docs) {
      if (this.docs.size <= this.maxCached) break;
      if (!this.pinned(d)) this.docs.delete(p);
    }
  }
}

import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AtomicJsonFile } from '../../../../../electron/server/store/atomicJsonFile.js';
import {
  MessageLog,
  StorageError,
  type MessageDraft,
} from '../../../../../electron/server/store/messageLog.js';
import type { Message } from '../../../../../shared/protocol/entities.js';

const ROOM = 'r_room1';
const OTHER = 'r_room2';
const ALICE = 'u_alice';
const BOB = 'u_bob1';
const SIZE = 5;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const draft = (clientId: string, text = clientId, authorId = ALICE): MessageDraft => ({
  authorId,
  clientId,
  text,
  reactions: {},
});

async function openLog(segmentSize = SIZE, maxCachedSegments?: number): Promise<MessageLog> {
  const log = new MessageLog(dir, segmentSize, false, maxCachedSegments);
  await log.open();
  return log;
}

/** Appends `n` messages c1..cn and waits until all are stored. */
async function appendMany(log: MessageLog, n: number, roomId = ROOM, from = 1): Promise<Message[]> {
  const out = Array.from({ length: n }, (_, i) => log.append(roomId, draft(`c${from + i}`)));
  await Promise.all(out.map((a) => a.persisted));
  return out.map((a) => a.message);
}

interface SegmentFile {
  format: number;
  roomId: string;
  first: number;
  messages: Message[];
}
const readSegment = async (roomId: string, name: string) =>
  JSON.parse(await readFile(join(dir, roomId, name), 'utf8')) as SegmentFile;
const seqs = (messages: Message[]) => messages.map((m) => m.seq);
/** The outcome of a promise, with a handler attached at once so no rejection goes unhandled. */
const outcome = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'stored',
    (err: unknown) => err,
  );

describe('MessageLog append', () => {
  it('assigns gapless sequence numbers from 1 with the room id and time', async () => {
    const log = await openLog();
    const messages = await appendMany(log, 12);
    expect(seqs(messages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(messages[0]).toMatchObject({
      roomId: ROOM,
      seq: 1,
      authorId: ALICE,
      clientId: 'c1',
      text: 'c1',
      reactions: {},
    });
    expect(typeof messages[0]!.ts).toBe('number');
    expect(log.lastSeq(ROOM)).toBe(12);
  });

  it('uses the given timestamp', async () => {
    const log = await openLog();
    const { message, persisted } = log.append(ROOM, draft('t'), 1_700_000_000_000);
    await persisted;
    expect(message.ts).toBe(1_700_000_000_000);
    expect((await log.get(ROOM, 1))?.ts).toBe(1_700_000_000_000);
  });

  it('counts only stored messages in lastSeq', async () => {
    const log = await openLog();
    const { message, persisted } = log.append(ROOM, draft('a'));
    expect(message.seq).toBe(1);
    expect(log.lastSeq(ROOM)).toBe(0);
    await persisted;
    expect(log.lastSeq(ROOM)).toBe(1);
  });

  it('keeps sequences per room', async () => {
    const log = await openLog();
    await appendMany(log, 3, ROOM);
    const other = await appendMany(log, 2, OTHER);
    expect(seqs(other)).toEqual([1, 2]);
    expect(log.lastSeq(ROOM)).toBe(3);
    expect(log.lastSeq(OTHER)).toBe(2);
    expect(log.lastSeq('r_nothing')).toBe(0);
  });

  it('acknowledges appends in sequence order, across segment files', async () => {
    const log = await openLog();
    const order: number[] = [];
    const appends = Array.from({ length: 12 }, (_, i) => log.append(ROOM, draft(`c${i}`)));
    await Promise.all(appends.map((a) => a.persisted.then(() => void order.push(a.message.seq))));
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('whenDurable resolves once a pending append is stored', async () => {
    const log = await openLog();
    log.append(ROOM, draft('a'));
    const { message } = log.append(ROOM, draft('b'));
    await log.whenDurable(ROOM, message.seq);
    expect(log.lastSeq(ROOM)).toBe(2);
    await expect(log.whenDurable(ROOM, 1)).resolves.toBeUndefined();
    await expect(log.whenDurable('r_unknown', 5)).resolves.toBeUndefined();
  });
});

describe('MessageLog segment files', () => {
  it('names segments 00000000.json… and keeps at most segmentSize messages in each', async () => {
    const log = await openLog();
    await appendMany(log, 12);
    expect((await readdir(join(dir, ROOM))).sort()).toEqual([
      '00000000.json',
      '00000001.json',
      '00000002.json',
    ]);
    const segments = await Promise.all(
      ['00000000.json', '00000001.json', '00000002.json'].map((f) => readSegment(ROOM, f)),
    );
    expect(segments.map((s) => s.first)).toEqual([1, 6, 11]);
    expect(segments.map((s) => seqs(s.messages))).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12],
    ]);
    for (const s of segments) {
      expect(s.messages.length).toBeLessThanOrEqual(SIZE);
      expect(s).toMatchObject({ format: 1, roomId: ROOM });
    }
  });

  it('leaves no temp files behind', async () => {
    const log = await openLog();
    await appendMany(log, 12);
    expect((await readdir(join(dir, ROOM))).filter((f) => !/^\d{8}\.json$/.test(f))).toEqual([]);
  });
});

describe('MessageLog reads', () => {
  it('range() returns stored messages across segment boundaries, clamped to what exists', async () => {
    const log = await openLog();
    await appendMany(log, 12);
    expect(seqs(await log.range(ROOM, 1, 12))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(seqs(await log.range(ROOM, 4, 7))).toEqual([4, 5, 6, 7]);
    expect(seqs(await log.range(ROOM, 5, 11))).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(seqs(await log.range(ROOM, 6, 10))).toEqual([6, 7, 8, 9, 10]);
    expect(seqs(await log.range(ROOM, -5, 2))).toEqual([1, 2]);
    expect(seqs(await log.range(ROOM, 11, 1000))).toEqual([11, 12]);
    expect(await log.range(ROOM, 13, 20)).toEqual([]);
    expect(await log.range(ROOM, 8, 3)).toEqual([]);
    expect(await log.range('r_empty', 1, 50)).toEqual([]);
  });

  it('range() leaves out appends that are not stored yet', async () => {
    const log = await openLog();
    await appendMany(log, 2);
    const pending = log.append(ROOM, draft('late'));
    expect(seqs(await log.range(ROOM, 1, 10))).toEqual([1, 2]);
    await pending.persisted;
    expect(seqs(await log.range(ROOM, 1, 10))).toEqual([1, 2, 3]);
  });

  it('get() returns one message or undefined', async () => {
    const log = await openLog();
    await appendMany(log, 7);
    expect(await log.get(ROOM, 7)).toMatchObject({ seq: 7, clientId: 'c7' });
    expect(await log.get(ROOM, 5)).toMatchObject({ seq: 5, clientId: 'c5' });
    expect(await log.get(ROOM, 0)).toBeUndefined();
    expect(await log.get(ROOM, -1)).toBeUndefined();
    expect(await log.get(ROOM, 8)).toBeUndefined();
    expect(await log.get(OTHER, 1)).toBeUndefined();
  });

  it('reads old segments back when only one segment may be cached', async () => {
    const log = await openLog(SIZE, 1);
    await appendMany(log, 12);
    expect(seqs(await log.range(ROOM, 1, 12))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await log.get(ROOM, 2)).toMatchObject({ clientId: 'c2' });
    // The tail stays writable after evictions.
    const more = await appendMany(log, 4, ROOM, 13);
    expect(seqs(more)).toEqual([13, 14, 15, 16]);
    expect(seqs((await readSegment(ROOM, '00000002.json')).messages)).toEqual([11, 12, 13, 14, 15]);
    expect(seqs((await readSegment(ROOM, '00000003.json')).messages)).toEqual([16]);
  });
});

describe('MessageLog cold reads', () => {
  it('writes one message per line and reads a page of a cold segment without loading it', async () => {
    const first = await openLog(SIZE, 1);
    const stored = await appendMany(first, 12);
    await first.flush();
    const text = await readFile(join(dir, ROOM, '00000000.json'), 'utf8');
    expect(text.split('\n')).toHaveLength(SIZE + 2); // header, one line each, footer
    const log = await openLog(SIZE, 1);
    // Messages with newlines, quotes and commas in their text stay one line each.
    const edited = await log.update(ROOM, 7, (m) => (m.text = 'a,\nb "c"\n},{'));
    expect(edited?.text).toBe('a,\nb "c"\n},{');
    await log.flush();
    const again = await openLog(SIZE, 1);
    const page = await again.range(ROOM, 2, 9);
    expect(page).toEqual(
      stored.slice(1, 9).map((m) => (m.seq === 7 ? { ...m, text: 'a,\nb "c"\n},{' } : m)),
    );
  });

  it('reads an empty cold segment as empty', async () => {
    const log = await openLog(SIZE, 1);
    await appendMany(log, 7);
    await log.flush();
    const path = join(dir, ROOM, '00000000.json');
    await writeFile(path, `{"format":1,"roomId":"${ROOM}","first":1,"messages":[\n\n]}`);
    const again = await openLog(SIZE, 1);
    expect(await again.range(ROOM, 1, 4)).toEqual([]);
  });

  it('reads segments written in the older single-line layout', async () => {
    const log = await openLog(SIZE, 1);
    const stored = await appendMany(log, 7);
    await log.flush();
    const path = join(dir, ROOM, '00000000.json');
    await writeFile(path, JSON.stringify(JSON.parse(await readFile(path, 'utf8'))));
    const again = await openLog(SIZE, 1);
    expect(await again.range(ROOM, 2, 6)).toEqual(stored.slice(1, 6));
  });
});

describe('MessageLog update', () => {
  it('changes a stored message and persists the change', async () => {
    const log = await openLog();
    await appendMany(log, 7);
    const updated = await log.update(ROOM, 3, (m) => {
      m.text = 'edited';
      m.editedAt = 123;
    });
    expect(updated).toMatchObject({ seq: 3, text: 'edited', editedAt: 123 });
    expect(await log.get(ROOM, 3)).toMatchObject({ text: 'edited' });
    const seg = await readSegment(ROOM, '00000000.json');
    expect(seg.messages[2]).toMatchObject({ seq: 3, text: 'edited', editedAt: 123 });

    const reopened = await openLog();
    expect(await reopened.get(ROOM, 3)).toMatchObject({ text: 'edited' });
  });

  it('returns undefined without calling back for a missing message', async () => {
    const log = await openLog();
    await appendMany(log, 2);
    let called = false;
    const change = () => {
      called = true;
    };
    expect(await log.update(ROOM, 3, change)).toBeUndefined();
    expect(await log.update(ROOM, 0, change)).toBeUndefined();
    expect(await log.update(OTHER, 1, change)).toBeUndefined();
    expect(called).toBe(false);
  });
});

describe('MessageLog client ids', () => {
  it('finds the sequence given to an author’s client id', async () => {
    const log = await openLog();
    log.append(ROOM, draft('x', 'hi', ALICE));
    const bob = log.append(ROOM, draft('x', 'hi', BOB));
    await log.flush();
    await bob.persisted;
    expect(log.findClientId(ROOM, ALICE, 'x')).toBe(1);
    expect(log.findClientId(ROOM, BOB, 'x')).toBe(2);
    expect(log.findClientId(ROOM, ALICE, 'y')).toBeUndefined();
    expect(log.findClientId(OTHER, ALICE, 'x')).toBeUndefined();
  });

  it('remembers a client id as soon as it is appended', () => {
    const log = new MessageLog(dir, SIZE, false);
    const { persisted } = log.append(ROOM, draft('now'));
    expect(log.findClientId(ROOM, ALICE, 'now')).toBe(1);
    return persisted;
  });
});

describe('MessageLog reopen', () => {
  it('restores lastSeq, messages and recent client ids from disk', async () => {
    const first = await openLog();
    await appendMany(first, 12);
    await appendMany(first, 3, OTHER);

    const log2 = await openLog();
    expect(log2.lastSeq(ROOM)).toBe(12);
    expect(log2.lastSeq(OTHER)).toBe(3);
    expect(seqs(await log2.range(ROOM, 1, 12))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // The newest segments are scanned for idempotent resends.
    for (let seq = 6; seq <= 12; seq++) expect(log2.findClientId(ROOM, ALICE, `c${seq}`)).toBe(seq);
    expect(log2.findClientId(OTHER, ALICE, 'c3')).toBe(3);

    const next = log2.append(ROOM, draft('after'));
    await next.persisted;
    expect(next.message.seq).toBe(13);
    expect(seqs((await readSegment(ROOM, '00000002.json')).messages)).toEqual([11, 12, 13]);
  });

  it('opens an empty or missing folder', async () => {
    await rm(dir, { recursive: true });
    const log = await openLog();
    expect(log.lastSeq(ROOM)).toBe(0);
    expect(seqs(await appendMany(log, 1))).toEqual([1]);
  });

  it('ignores stray files next to the room folders and in them', async () => {
    const log = await openLog();
    await appendMany(log, 3);
    await writeFile(join(dir, 'README.txt'), 'not a room');
    await writeFile(join(dir, ROOM, 'notes.json'), '{}');
    await writeFile(join(dir, ROOM, '00000000.json.123.4.tmp'), '{"half":');
    const log2 = await openLog();
    expect(log2.lastSeq(ROOM)).toBe(3);
    expect(log2.lastSeq('README.txt')).toBe(0);
  });
});

describe('MessageLog seed', () => {
  const make =
    (roomId: string) =>
    (seq: number): Message => ({
      roomId,
      seq,
      ts: seq * 1000,
      authorId: BOB,
      clientId: `seed-${seq}`,
      text: `seeded ${seq}`,
      reactions: {},
    });

  it('writes full segments and appends continue after them', async () => {
    const l = await openLog();
    await l.seed(ROOM, 12, make(ROOM));
    expect(l.lastSeq(ROOM)).toBe(12);
    expect(seqs(await l.range(ROOM, 1, 100))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(seqs((await readSegment(ROOM, '00000000.json')).messages)).toEqual([1, 2, 3, 4, 5]);
    expect(seqs((await readSegment(ROOM, '00000002.json')).messages)).toEqual([11, 12]);
    const next = l.append(ROOM, draft('live'));
    await next.persisted;
    expect(next.message.seq).toBe(13);

    const reopened = await openLog();
    expect(reopened.lastSeq(ROOM)).toBe(13);
    expect(await reopened.get(ROOM, 4)).toMatchObject({ text: 'seeded 4', ts: 4000 });
  });

  it('fills the partly used tail segment first', async () => {
    const l = await openLog();
    await appendMany(l, 3);
    await l.seed(ROOM, 4, make(ROOM));
    expect(l.lastSeq(ROOM)).toBe(7);
    expect(seqs((await readSegment(ROOM, '00000000.json')).messages)).toEqual([1, 2, 3, 4, 5]);
    expect(seqs((await readSegment(ROOM, '00000001.json')).messages)).toEqual([6, 7]);
  });
});

describe('MessageLog write failure', () => {
  /** Makes the room folder unusable: a regular file takes its name (chmod does not stop root). */
  async function breakRoomFolder(): Promise<() => Promise<void>> {
    const roomDir = join(dir, ROOM);
    await rename(roomDir, `${roomDir}.aside`);
    await writeFile(roomDir, 'not a folder');
    return async () => {
      await rm(roomDir);
      await rename(`${roomDir}.aside`, roomDir);
    };
  }

  it('undoes a change in memory when it cannot be stored', async () => {
    const l = await openLog();
    await appendMany(l, 2);
    const repair = await breakRoomFolder();
    await expect(l.update(ROOM, 2, (m) => (m.text = 'edited'))).rejects.toBeInstanceOf(
      StorageError,
    );
    expect((await l.get(ROOM, 2))?.text).not.toBe('edited');
    await repair();
    // A later, successful write does not carry the failed change to disk either.
    await l.update(ROOM, 1, (m) => (m.text = 'fine'));
    const reopened = await openLog();
    expect((await reopened.range(ROOM, 1, 2)).map((m) => m.text)).toEqual([
      'fine',
      expect.not.stringMatching(/^edited$/),
    ]);
  });

  it('rejects the failed appends and rolls back to the stored sequence', async () => {
    const l = await openLog();
    await appendMany(l, 1);
    const repair = await breakRoomFolder();

    const a = l.append(ROOM, draft('lost-a'));
    const b = l.append(ROOM, draft('lost-b'));
    const results = [
      outcome(a.persisted),
      outcome(b.persisted),
      outcome(l.whenDurable(ROOM, b.message.seq)),
    ];
    expect(seqs([a.message, b.message])).toEqual([2, 3]);
    const [resultA, resultB, waitB] = await Promise.all(results);
    expect(resultA).toBeInstanceOf(Error);
    expect(resultB).toBeInstanceOf(Error);
    expect(waitB).toBeInstanceOf(Error);
    expect((waitB as Error).message).toMatch(/not stored/);
    await l.flush();

    expect(l.lastSeq(ROOM)).toBe(1);
    expect(l.findClientId(ROOM, ALICE, 'lost-a')).toBeUndefined();
    expect(l.findClientId(ROOM, ALICE, 'lost-b')).toBeUndefined();
    expect(await l.get(ROOM, 2)).toBeUndefined();
    expect(seqs(await l.range(ROOM, 1, 10))).toEqual([1]);

    // Once storage works again, the next message takes the freed sequence number.
    await repair();
    const c = l.append(ROOM, draft('kept'));
    await c.persisted;
    expect(c.message.seq).toBe(2);
    const reopened = await openLog();
    expect((await reopened.range(ROOM, 1, 10)).map((m) => m.clientId)).toEqual(['c1', 'kept']);
  });

  it('fails a new room whose folder cannot be created, leaving it empty', async () => {
    const l = await openLog();
    await writeFile(join(dir, OTHER), 'not a folder');
    const a = l.append(OTHER, draft('x'));
    await expect(a.persisted).rejects.toThrow();
    await l.flush();
    expect(l.lastSeq(OTHER)).toBe(0);
    expect(l.findClientId(OTHER, ALICE, 'x')).toBeUndefined();
    await rm(join(dir, OTHER));
    const b = l.append(OTHER, draft('y'));
    await b.persisted;
    expect(b.message.seq).toBe(1);
  });

  /**
   * Runs `fn` while recording unhandled promise rejections, instead of letting the test runner
   * fail the whole file on them; the runner's own listeners are put back afterwards.
   */
  async function recordingUnhandledRejections(
    fn: (unhandled: unknown[]) => Promise<void>,
  ): Promise<void> {
    const unhandled: unknown[] = [];
    const runnerListeners = process.listeners('unhandledRejection');
    const record = (reason: unknown) => void unhandled.push(reason);
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', record);
    try {
      await fn(unhandled);
    } finally {
      process.off('unhandledRejection', record);
      for (const listener of runnerListeners) process.on('unhandledRejection', listener);
    }
  }

  /**
   * Seq 5 goes to segment 0 (made slow to write by a large text) and seq 6 to segment 1, whose
   * file name is taken by a folder so its write fails at the rename, while segment 0 is still
   * being written.
   */
  async function failNewerSegmentDuringOlderWrite(l: MessageLog) {
    await appendMany(l, 4);
    await mkdir(join(dir, ROOM, '00000001.json'));
    const five = l.append(ROOM, draft('c5', 'y'.repeat(20_000_000)));
    const six = l.append(ROOM, draft('c6'));
    const [fiveResult, sixResult] = await Promise.all([
      outcome(five.persisted),
      outcome(six.persisted),
    ]);
    await l.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { fiveStored: fiveResult === 'stored', sixResult };
  }

  // Under plain Node (npm run host) an unhandled rejection would end the process.
  it('a failing segment write while an older segment is in flight leaves no unhandled rejection', async () => {
    await recordingUnhandledRejections(async (unhandled) => {
      const l = new MessageLog(dir, SIZE, true);
      await l.open();
      const { sixResult } = await failNewerSegmentDuringOlderWrite(l);
      expect(sixResult).toBeInstanceOf(Error);
      expect(unhandled).toEqual([]);
    });
  });

  // An acknowledged message stays on disk, and sequence numbers are never handed out twice.
  it('never acknowledges a message that a rollback removed', async () => {
    await recordingUnhandledRejections(async () => {
      const l = new MessageLog(dir, SIZE, true);
      await l.open();
      const { fiveStored, sixResult } = await failNewerSegmentDuringOlderWrite(l);
      expect(sixResult).toBeInstanceOf(Error);
      const onDisk = seqs((await readSegment(ROOM, '00000000.json')).messages);
      if (fiveStored) expect(onDisk).toContain(5);
      expect(l.lastSeq(ROOM)).toBe(onDisk.at(-1));
      // Once segment 1 can be written again, the next message takes the freed sequence number.
      await rm(join(dir, ROOM, '00000001.json'), { recursive: true });
      const next = l.append(ROOM, draft('c7'));
      await next.persisted;
      expect(next.message.seq).toBe(onDisk.length + 1);
    });
  });
});

describe('MessageLog races and crashes', () => {
  it('shares one load of a segment between concurrent readers, so no change is overwritten', async () => {
    const l = await openLog(2, 1);
    await appendMany(l, 6);
    await l.get(ROOM, 3); // a cache hit runs eviction: segment 0 leaves the cache (size 1)
    // Make the next disk read of it slow, as on a busy disk.
    const read = AtomicJsonFile.prototype.read;
    let slow = true;
    const spy = vi.spyOn(AtomicJsonFile.prototype, 'read').mockImplementation(async function (
      this: AtomicJsonFile<unknown>,
    ) {
      const value = await read.call(this);
      if (slow) {
        slow = false;
        await new Promise((r) => setTimeout(r, 50));
      }
      return value;
    });
    try {
      const b = l.update(ROOM, 1, (m) => (m.text = 'edit by B'));
      await new Promise((r) => setTimeout(r, 5));
      await l.update(ROOM, 2, (m) => (m.text = 'edit by A'));
      await l.range(ROOM, 5, 6); // evicts segment 0 while B is still loading it
      await b;
    } finally {
      spy.mockRestore();
    }
    const onDisk = (await readSegment(ROOM, '00000000.json')).messages.map((m) => m.text);
    expect(onDisk).toEqual(['edit by B', 'edit by A']);
  });

  it('drops unacknowledged messages after a gap left by a crash, and continues gaplessly', async () => {
    const room = join(dir, ROOM);
    await mkdir(room, { recursive: true });
    const msg = (seq: number): Message => ({
      roomId: ROOM,
      seq,
      ts: seq,
      authorId: ALICE,
      clientId: `c${seq}`,
      text: `m${seq}`,
      reactions: {},
    });
    // Segment 0 lost its last two writes (4, 5) but segment 1 (6) reached the disk.
    await writeFile(
      join(room, '00000000.json'),
      JSON.stringify({ format: 1, roomId: ROOM, first: 1, messages: [1, 2, 3].map(msg) }),
    );
    await writeFile(
      join(room, '00000001.json'),
      JSON.stringify({ format: 1, roomId: ROOM, first: 6, messages: [msg(6)] }),
    );
    const l = await openLog();
    expect(l.lastSeq(ROOM)).toBe(3);
    expect(l.findClientId(ROOM, ALICE, 'c6')).toBeUndefined();
    expect((await readSegment(ROOM, '00000001.json')).messages).toEqual([]);
    const next = l.append(ROOM, draft('after'));
    await next.persisted;
    expect(next.message.seq).toBe(4);
    expect(seqs(await l.range(ROOM, 1, 10))).toEqual([1, 2, 3, 4]);
  });
});

/**
 * The search worker: owns the index, so building and querying it never pause the server's
 * event loop. Requests are handled strictly in arrival order, so a search sent after a
 * message's change always sees that change.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { logRooms, readMessage, readRoom } from './logReader.js';
import { MessageIndex, type IndexSnapshot } from './messageIndex.js';
import type { WorkerMessage, WorkerRequest, WorkerStart } from './workerProtocol.js';

const start = workerData as WorkerStart;
const port = parentPort!;
const SNAPSHOT = join(start.dir, 'index.json');
/** Messages changed since the last snapshot: re-read from the log after loading it. */
const JOURNAL = join(start.dir, 'changed.log');

let index = new MessageIndex();
let dirty = false;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const queue: WorkerRequest[] = [];
let running = false;

const post = (m: WorkerMessage) => port.postMessage(m);

/** Rebuilds the whole index from the message log. */
async function rebuild(): Promise<MessageIndex> {
  const fresh = new MessageIndex();
  for (const roomId of await logRooms(start.messagesDir)) {
    for await (const page of readRoom(start.messagesDir, roomId, start.segmentSize)) {
      for (const m of page) fresh.put(m);
    }
  }
  return fresh;
}

/** Loads the snapshot, then catches up with what the log got after it. */
async function load(): Promise<MessageIndex> {
  const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as IndexSnapshot;
  const loaded = new MessageIndex(snapshot);
  const upTo = loaded.upTo();
  for (const roomId of await logRooms(start.messagesDir)) {
    const from = (upTo.get(roomId) ?? 0) + 1;
    for await (const page of readRoom(start.messagesDir, roomId, start.segmentSize, from))
      for (const m of page) loaded.put(m);
  }
  let journal = '';
  try {
    journal = readFileSync(JOURNAL, 'utf8');
  } catch {
    // no changes since the snapshot
  }
  for (const line of journal.split('\n')) {
    const [roomId, seq] = line.split(' ');
    if (!roomId || !seq) continue;
    const m = await readMessage(start.messagesDir, roomId, Number(seq), start.segmentSize);
    if (m) loaded.put(m);
  }
  return loaded;
}

function save(): void {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  if (!dirty) return;
  mkdirSync(start.dir, { recursive: true });
  const tmp = `${SNAPSHOT}.tmp`;
  writeFileSync(tmp, JSON.stringify(index.snapshot()));
  renameSync(tmp, SNAPSHOT);
  writeFileSync(JOURNAL, '');
  dirty = false;
}

function changed(): void {
  dirty = true;
  saveTimer ??= setTimeout(() => {
    try {
      save();
    } catch (err) {
      post({
        event: 'log',
        level: 'warn',
        text: `could not save the search index: ${String(err)}`,
      });
    }
  }, start.saveDelayMs);
}

async function handle(r: WorkerRequest): Promise<void> {
  if (r.op === 'put') {
    if (r.changed) {
      mkdirSync(start.dir, { recursive: true });
      appendFileSync(JOURNAL, `${r.message.roomId} ${r.message.seq}\n`);
    }
    index.put(r.message);
    return changed();
  }
  try {
    if (r.op === 'search') post({ id: r.id, ok: true, value: index.search(r.query) });
    else if (r.op === 'save') {
      save();
      post({ id: r.id, ok: true, value: null });
    } else if (r.op === 'rebuild') {
      const t0 = performance.now();
      index = await rebuild();
      changed();
      post({ id: r.id, ok: true, value: { ms: performance.now() - t0, docs: index.size } });
    } else {
      const heapUsedMB = process.memoryUsage().heapUsed / 2 ** 20;
      post({ id: r.id, ok: true, value: { docs: index.size, heapUsedMB } });
    }
  } catch (err) {
    post({ id: r.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let r = queue.shift(); r; r = queue.shift()) await handle(r);
  } finally {
    running = false;
  }
}

port.on('message', (r: WorkerRequest) => {
  queue.push(r);
  void drain();
});

// Requests that arrive while the index loads wait in the queue: they run, in order, after it.
running = true;
void (async () => {
  const t0 = performance.now();
  let source: 'snapshot' | 'rebuilt' = 'snapshot';
  let reason: string | undefined;
  try {
    index = await load();
  } catch (err) {
    source = 'rebuilt';
    reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no index yet'
        : `index unreadable (${err instanceof Error ? err.message : String(err)})`;
    index = await rebuild();
    dirty = true;
    try {
      save();
    } catch (e) {
      post({ event: 'log', level: 'warn', text: `could not save the search index: ${String(e)}` });
    }
  }
  post({
    event: 'ready',
    source,
    docs: index.size,
    ms: performance.now() - t0,
    ...(reason ? { reason } : {}),
  });
  running = false;
  void drain();
})();

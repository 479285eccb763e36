import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DamagedFileError } from '../../../../../electron/server/store/atomicJsonFile.js';
import { DurableDoc } from '../../../../../electron/server/store/durableDoc.js';

interface Doc {
  items: number[];
  label: string;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-doc-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const empty = (): Doc => ({ items: [], label: 'default' });
const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Doc;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('DurableDoc', () => {
  it('keeps the default data when the file is missing, without creating it', async () => {
    const path = join(dir, 'doc.json');
    const doc = await new DurableDoc<Doc>(path, empty()).load();
    expect(doc.data).toEqual(empty());
    expect(existsSync(path)).toBe(false);
    expect(doc.busy).toBe(false);
  });

  it('commits data that a fresh DurableDoc loads', async () => {
    const path = join(dir, 'doc.json');
    const doc = await new DurableDoc<Doc>(path, empty()).load();
    doc.data.items.push(1, 2);
    doc.data.label = 'saved ✓';
    await doc.commit();
    const fresh = await new DurableDoc<Doc>(path, { items: [99], label: 'other' }).load();
    expect(fresh.data).toEqual({ items: [1, 2], label: 'saved ✓' });
  });

  it('commits a replaced document', async () => {
    const path = join(dir, 'doc.json');
    const doc = await new DurableDoc<Doc>(path, empty(), false).load();
    doc.data = { items: [7], label: 'new' };
    await doc.commit();
    expect(onDisk(path)).toEqual({ items: [7], label: 'new' });
  });

  it('coalesces many commits in one tick; each resolves once its change is on disk', async () => {
    const path = join(dir, 'doc.json');
    const doc = await new DurableDoc<Doc>(path, empty()).load();
    const seenOnResolve: number[] = [];
    const commits: Promise<void>[] = [];
    for (let i = 1; i <= 100; i++) {
      doc.data.items.push(i);
      commits.push(doc.commit().then(() => void seenOnResolve.push(onDisk(path).items.length)));
    }
    expect(doc.busy).toBe(true);
    await Promise.all(commits);
    expect(onDisk(path).items).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // Every caller was answered only once all 100 changes were on disk.
    expect(seenOnResolve).toEqual(Array<number>(100).fill(100));
    expect(await readdir(dir)).toEqual(['doc.json']);
    expect(doc.busy).toBe(false);
  });

  it('queues commits made while a write is in flight into a later write', async () => {
    const path = join(dir, 'doc.json');
    const doc = await new DurableDoc<Doc>(path, empty()).load();
    doc.data.label = 'first';
    const first = doc.commit();
    await nextTick(); // the first write is now in flight
    doc.data.label = 'second';
    doc.data.items.push(2);
    const second = doc.commit().then(() => onDisk(path));
    const third = doc.commit().then(() => onDisk(path));
    await first;
    expect(await second).toEqual({ items: [2], label: 'second' });
    expect(await third).toEqual({ items: [2], label: 'second' });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('settled() waits for queued writes and returns at once when idle', async () => {
    const path = join(dir, 'doc.json');
    const doc = await new DurableDoc<Doc>(path, empty(), false).load();
    await doc.settled();
    doc.data.label = 'pending';
    void doc.commit();
    await doc.settled();
    expect(doc.busy).toBe(false);
    expect(onDisk(path).label).toBe('pending');
  });

  it('rejects every waiter of a failed write', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, 'a file, not a folder');
    const doc = new DurableDoc<Doc>(join(blocker, 'doc.json'), empty(), true);
    doc.data.items.push(1);
    const a = doc.commit();
    const b = doc.commit();
    await expect(a).rejects.toThrow();
    await expect(b).rejects.toThrow();
    await doc.settled();
    expect(doc.busy).toBe(false);
  });

  it('can commit again after a failure once the cause is gone', async () => {
    const blocker = join(dir, 'sub');
    await writeFile(blocker, 'a file, not a folder');
    const doc = new DurableDoc<Doc>(join(blocker, 'doc.json'), empty(), false);
    await expect(doc.commit()).rejects.toThrow();
    await rm(blocker);
    doc.data.label = 'retried';
    await doc.commit();
    expect(onDisk(join(blocker, 'doc.json')).label).toBe('retried');
  });

  it('writes lazy changes in one later write, or at once when asked to settle', async () => {
    const path = join(dir, 'doc.json');
    const doc = await new DurableDoc<Doc>(path, empty(), false).load();
    for (let i = 1; i <= 50; i++) {
      doc.data.items.push(i);
      doc.commitSoon(60_000);
    }
    expect(existsSync(path)).toBe(false);
    expect(doc.busy).toBe(true);
    await doc.settled();
    expect(onDisk(path).items).toHaveLength(50);
    expect(doc.busy).toBe(false);
    // A commit() in the meantime carries the lazy change with it.
    doc.data.items.push(51);
    doc.commitSoon(60_000);
    doc.data.label = 'carried';
    await doc.commit();
    expect(onDisk(path)).toMatchObject({ label: 'carried' });
    expect(onDisk(path).items).toHaveLength(51);
    await doc.settled();
    expect(doc.busy).toBe(false); // no lazy write left behind
  });

  it('refuses to load a corrupt file', async () => {
    const path = join(dir, 'doc.json');
    await writeFile(path, 'not json');
    await expect(new DurableDoc<Doc>(path, empty()).load()).rejects.toThrow(DamagedFileError);
  });
});

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AtomicJsonFile,
  DamagedFileError,
} from '../../../../../electron/server/store/atomicJsonFile.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tmpFiles = async (folder: string) =>
  (await readdir(folder)).filter((f) => f.endsWith('.tmp'));

describe('AtomicJsonFile', () => {
  it('reads null when the file does not exist', async () => {
    expect(await new AtomicJsonFile(join(dir, 'missing.json')).read()).toBeNull();
  });

  it('writes JSON that a fresh adapter reads back', async () => {
    const path = join(dir, 'doc.json');
    const data = { n: 1, text: 'héllo 😀', list: [1, 2, 3], nested: { ok: true } };
    await new AtomicJsonFile(path).write(data);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(data);
    expect(await new AtomicJsonFile(path).read()).toEqual(data);
  });

  it('replaces the previous content entirely', async () => {
    const path = join(dir, 'doc.json');
    const file = new AtomicJsonFile<{ v: string }>(path);
    await file.write({ v: 'x'.repeat(10_000) });
    await file.write({ v: 'short' });
    expect(await file.read()).toEqual({ v: 'short' });
  });

  it('snapshots the data when write is called', async () => {
    const path = join(dir, 'doc.json');
    const data = { n: 1 };
    const pending = new AtomicJsonFile<{ n: number }>(path).write(data);
    data.n = 2;
    await pending;
    expect(await new AtomicJsonFile(path).read()).toEqual({ n: 1 });
  });

  it('creates a missing parent folder on the first write', async () => {
    const path = join(dir, 'a', 'b', 'doc.json');
    await new AtomicJsonFile(path, false).write({ ok: 1 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ ok: 1 });
  });

  it('leaves no temp files behind, even with concurrent writes', async () => {
    const path = join(dir, 'doc.json');
    const file = new AtomicJsonFile<{ i: number }>(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => file.write({ i })));
    expect(await tmpFiles(dir)).toEqual([]);
    const final = await file.read();
    expect(final?.i).toBeGreaterThanOrEqual(0);
    expect(final?.i).toBeLessThan(20);
  });

  it('works without fsync too', async () => {
    const path = join(dir, 'fast.json');
    await new AtomicJsonFile(path, false).write([1, 2]);
    expect(await new AtomicJsonFile(path, false).read()).toEqual([1, 2]);
  });

  it('rejects a failed rename, cleans up its temp file and keeps what was there', async () => {
    // A folder where the file should be: the temp file is written, the rename fails.
    const path = join(dir, 'doc.json');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'x');
    await expect(new AtomicJsonFile(path).write({ a: 1 })).rejects.toMatchObject({
      code: expect.any(String),
    });
    expect(await tmpFiles(dir)).toEqual([]);
    expect(await readdir(path)).toEqual(['keep']);
  });

  it('rejects when the folder cannot be created', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, 'not a folder');
    await expect(new AtomicJsonFile(join(blocker, 'doc.json')).write({ a: 1 })).rejects.toThrow();
  });

  it('rejects unreadable JSON instead of returning defaults', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"half":');
    await expect(new AtomicJsonFile(path).read()).rejects.toThrow(DamagedFileError);
  });
});

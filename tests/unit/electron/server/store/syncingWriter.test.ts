import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncingWriteStream } from '../../../../../electron/server/store/syncingWriter.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-sync-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function chunks(count: number, size: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => Buffer.alloc(size, i % 251));
}

describe('syncingWriteStream', () => {
  it('writes every byte in order, syncing along the way', async () => {
    const parts = chunks(40, 64 * 1024);
    const path = join(dir, 'a.part');
    // A small sync interval so background syncs overlap the writes in this test.
    await pipeline(Readable.from(parts), syncingWriteStream(path, 256 * 1024));
    expect(Buffer.compare(await readFile(path), Buffer.concat(parts))).toBe(0);
  });

  it('closes its file when the source fails, leaving nothing open', async () => {
    const path = join(dir, 'b.part');
    async function* failing() {
      yield Buffer.alloc(1000, 1);
      throw new Error('client went away');
    }
    await expect(pipeline(Readable.from(failing()), syncingWriteStream(path, 100))).rejects.toThrow(
      'client went away',
    );
    // The partial file exists (the caller unlinks it) and its handle is closed.
    expect(await readdir(dir)).toEqual(['b.part']);
    await rm(path);
  });

  it('reports a file it cannot open', async () => {
    await expect(
      pipeline(Readable.from([Buffer.from('x')]), syncingWriteStream(join(dir, 'no', 'such'))),
    ).rejects.toThrow(/ENOENT/);
  });
});

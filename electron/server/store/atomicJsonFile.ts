import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';

let tmpCounter = 0;

/**
 * lowdb adapter that writes atomically and durably: temp file, fsync, rename, fsync of the
 * folder. lowdb's own JSONFile (steno) renames but never fsyncs, so a power cut right after an
 * acknowledgement could lose the message; an ack here means the bytes are on disk.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  private dirReady = false;

  constructor(
    private readonly path: string,
    private readonly durable = true,
    /** Builds the file's text; JSON.stringify unless the owner has a cheaper way to the same JSON. */
    private readonly serialize: (data: T) => string = JSON.stringify,
  ) {}

  /** Reads the file; null when it does not exist yet. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return JSON.parse(text) as T;
  }

  /** Writes a snapshot of `data` taken synchronously at call time. */
  async write(data: T): Promise<void> {
    const text = this.serialize(data);
    const tmp = `${this.path}.${process.pid}.${++tmpCounter}.tmp`;
    if (!this.dirReady) {
      // New rooms get their segment folder on the first write, not on the (synchronous) append.
      await mkdir(dirname(this.path), { recursive: true });
      this.dirReady = true;
    }
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text, 'utf8');
      if (this.durable) await fh.datasync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, this.path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    if (this.durable) await syncDir(dirname(this.path));
  }
}

/** fsync a folder so a rename in it survives a power cut (a no-op where folders cannot be opened). */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows cannot open folders; the rename is as durable as the OS makes it there.
  } finally {
    await fh?.close();
  }
}

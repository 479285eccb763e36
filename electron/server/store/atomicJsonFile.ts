import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { describeIssues } from '../../../shared/protocol/index.js';

let tmpCounter = 0;

/** A file that exists but cannot be used: not JSON, or not the shape it should have. */
export class DamagedFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is damaged: ${reason}`);
    this.name = 'DamagedFileError';
  }
}

/** Reads and checks a JSON file; null when it does not exist, DamagedFileError when unusable. */
export async function readJsonFile<T>(path: string, schema?: z.ZodType<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (text.trim() === '') throw new DamagedFileError(path, 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DamagedFileError(path, `not valid JSON (${(err as Error).message})`);
  }
  if (!schema) return raw as T;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DamagedFileError(path, describeIssues(parsed.error));
  return parsed.data;
}

/** Options of an AtomicJsonFile. */
export interface AtomicJsonOptions<T> {
  /** fsync each write (default true). */
  durable?: boolean;
  /** Checked on every read. */
  schema?: z.ZodType<T>;
  /** Also keep `<file>.bak`, an identical copy written the same way, as the last good copy. */
  backup?: boolean;
  /** Builds the file's text; JSON.stringify unless the owner has a cheaper way to the same JSON. */
  serialize?: (data: T) => string;
}

/** Writes `text` to a fresh temp file next to `path` and syncs it; the caller renames it. */
async function writeTemp(path: string, text: string, durable: boolean): Promise<string> {
  const tmp = `${path}.${process.pid}.${++tmpCounter}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text, 'utf8');
      if (durable) await fh.datasync();
    } finally {
      await fh.close();
    }
    return tmp;
  } catch (err) {
    // A failed write (full disk) must not leave its temp file behind.
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * lowdb adapter that writes atomically and durably: temp file, fsync, rename, fsync of the
 * folder. lowdb's own JSONFile (steno) renames but never fsyncs, so a power cut right after an
 * acknowledgement could lose the message; an ack here means the bytes are on disk.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  private dirReady = false;
  private readonly durable: boolean;

  private readonly opts: AtomicJsonOptions<T>;

  constructor(
    private readonly path: string,
    /** Options, or just whether to fsync. */
    opts: AtomicJsonOptions<T> | boolean = {},
  ) {
    this.opts = typeof opts === 'boolean' ? { durable: opts } : opts;
    this.durable = this.opts.durable ?? true;
  }

  /** Reads the file; null when it does not exist yet; DamagedFileError when it is unusable. */
  read(): Promise<T | null> {
    return readJsonFile(this.path, this.opts.schema);
  }

  /** Writes a snapshot of `data` taken synchronously at call time. */
  async write(data: T): Promise<void> {
    const text = (this.opts.serialize ?? JSON.stringify)(data);
    if (!this.dirReady) {
      // New rooms get their segment folder on the first write, not on the (synchronous) append.
      await mkdir(dirname(this.path), { recursive: true });
      this.dirReady = true;
    }
    // Both copies are written in parallel (their syncs mostly share one journal commit); the
    // backup is renamed first, so at every moment at least one of the two is whole and current
    // or one step older than a write that was never acknowledged.
    const settled = await Promise.allSettled([
      writeTemp(this.path, text, this.durable),
      this.opts.backup ? writeTemp(`${this.path}.bak`, text, this.durable) : undefined,
    ]);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) {
      for (const r of settled)
        if (r.status === 'fulfilled' && r.value) await unlink(r.value).catch(() => undefined);
      throw failed.reason;
    }
    const [tmp, bakTmp] = settled.map(
      (r) => (r as PromiseFulfilledResult<string | undefined>).value,
    );
    try {
      if (bakTmp) await rename(bakTmp, `${this.path}.bak`);
      await rename(tmp!, this.path);
    } catch (err) {
      await unlink(tmp!).catch(() => undefined);
      if (bakTmp) await unlink(bakTmp).catch(() => undefined);
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

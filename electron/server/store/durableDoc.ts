import { Low } from 'lowdb';
import type { z } from 'zod';
import { AtomicJsonFile } from './atomicJsonFile.js';
import type { DiskState } from './diskState.js';

/** How a document is read and written. */
export interface DocOptions<T> {
  /** fsync each write (default true). */
  durable?: boolean;
  /** Checked on load: a file that does not match is reported as damaged. */
  schema?: z.ZodType<T>;
  /** Keep `<file>.bak`, the last good copy, written like the file itself. */
  backup?: boolean;
  /** Refuses writes while the disk is full; learns of full disks from failed writes. */
  disk?: DiskState;
  /** Builds the file's JSON text (default JSON.stringify). */
  serialize?: (data: T) => string;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * A lowdb document with group commit: mutate `data`, then `await commit()`. Commits made while a
 * write is in flight are coalesced into the next write, so a burst of N changes costs about two
 * writes, and each caller learns exactly when its change is on disk.
 */
export class DurableDoc<T> {
  private readonly db: Low<T>;
  private waiting: Waiter[] = [];
  private inFlight: Promise<void> | null = null;
  private scheduled = false;
  private lazy: ReturnType<typeof setTimeout> | undefined;

  private readonly disk: DiskState | undefined;

  constructor(
    readonly path: string,
    defaultData: T,
    opts: DocOptions<T> | boolean = {},
  ) {
    const o = typeof opts === 'boolean' ? { durable: opts } : opts;
    this.disk = o.disk;
    this.db = new Low<T>(new AtomicJsonFile<T>(path, o), defaultData);
  }

  /** Loads the file (keeps the default data when there is none); DamagedFileError if unusable. */
  async load(): Promise<this> {
    await this.db.read();
    return this;
  }

  /** The live document; mutate it, then commit. */
  get data(): T {
    return this.db.data;
  }

  set data(value: T) {
    this.db.data = value;
  }

  /** Whether a write is pending or in flight. */
  get busy(): boolean {
    return this.inFlight !== null || this.waiting.length > 0 || this.lazy !== undefined;
  }

  /**
   * Writes the current state within `delayMs`, for changes nobody waits on (a read marker moved
   * by writing a message): a burst of them costs one write, not one per change. A commit() in
   * the meantime carries them; settled() writes them at once.
   */
  commitSoon(delayMs = 250): void {
    if (this.lazy || this.waiting.length > 0) return;
    this.lazy = setTimeout(() => this.writeLazy(), delayMs);
    this.lazy.unref?.();
  }

  private writeLazy(): void {
    clearTimeout(this.lazy);
    this.lazy = undefined;
    // Failures are the owner's to see on its next commit(); this write has no waiter.
    this.commit().catch(() => undefined);
  }

  /** Resolves once the current state of `data` is on disk. */
  commit(): Promise<void> {
    try {
      this.disk?.check();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when every write asked for so far has finished (immediately when idle). */
  async settled(): Promise<void> {
    if (this.lazy) this.writeLazy();
    while (this.busy) {
      await (this.inFlight ?? new Promise<void>((r) => setImmediate(r)));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // setImmediate lets every frame read in this I/O phase join the same write.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.inFlight || this.waiting.length === 0) return;
    // This write carries any lazy change too.
    clearTimeout(this.lazy);
    this.lazy = undefined;
    const batch = this.waiting;
    this.waiting = [];
    this.inFlight = this.db.write().then(
      () => {
        for (const w of batch) w.resolve();
      },
      (failure: unknown) => {
        const err = this.disk ? this.disk.failure(failure) : failure;
        // Everything not yet on disk fails together; the owner rolls memory back to disk.
        const queued = this.waiting;
        this.waiting = [];
        for (const w of [...batch, ...queued]) w.reject(err);
      },
    );
    void this.inFlight.finally(() => {
      this.inFlight = null;
      if (this.waiting.length > 0) this.flush();
    });
  }
}

import { open, statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ParleyError } from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';

/** Whether an error means the disk (or the user's quota) is full. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return cause !== undefined && cause !== err && isDiskFull(cause);
}

/** The error every refused write gets while the host's disk is full. */
export const storageFull = (): ParleyError =>
  new ParleyError(
    'storage_full',
    "The host's disk is full, so nothing new can be stored; reading still works. Try again once space is freed.",
  );

/** Options of the disk watch. */
export interface DiskStateOptions {
  /** Bytes that must be free for writes to be accepted. Default 1 MiB. */
  minFreeBytes?: number;
  /** How often a full disk is checked for space again. Default 5 s. */
  probeMs?: number;
}

/**
 * Read-only mode for a full disk. The first write that fails for lack of space (or a start on a
 * disk with less than minFreeBytes free) turns it on: every write is refused at once with
 * `storage_full` while reads go on. A timer then checks for space (free bytes, then a real test
 * write) and turns it off by itself.
 */
export class DiskState {
  private fullSince: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly minFree: number;
  private readonly probeMs: number;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    opts: DiskStateOptions = {},
  ) {
    this.minFree = opts.minFreeBytes ?? 1024 * 1024;
    this.probeMs = opts.probeMs ?? 5000;
  }

  /** Whether writes are being refused. */
  get full(): boolean {
    return this.fullSince !== undefined;
  }

  /** Throws `storage_full` while the disk is full. */
  check(): void {
    if (this.full) throw storageFull();
  }

  /** Looks at the free space now (at start); turns read-only on when too little is left. */
  async checkSpace(): Promise<void> {
    if (!(await this.hasSpace())) this.markFull('less than the minimum free space at start');
  }

  /**
   * Inspects a failed write: a full disk turns read-only on and comes back as `storage_full`;
   * anything else is returned unchanged.
   */
  failure(err: unknown): unknown {
    if (!isDiskFull(err)) return err;
    this.markFull((err as Error).message);
    return storageFull();
  }

  /** Stops the space checks. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private markFull(why: string): void {
    if (this.full) return;
    this.fullSince = Date.now();
    this.log.error(
      `the disk holding ${this.dir} is full (${why}): read-only until space is freed; ` +
        'history and downloads keep working, new messages and uploads are refused',
    );
    this.timer = setInterval(() => void this.probe(), this.probeMs);
    this.timer.unref();
  }

  private probing = false;
  private async probe(): Promise<void> {
    if (this.probing || !this.full) return;
    this.probing = true;
    try {
      if (!(await this.hasSpace())) return;
      this.fullSince = undefined;
      this.stop();
      this.log.info(`the disk holding ${this.dir} has space again: writes accepted`);
    } finally {
      this.probing = false;
    }
  }

  /** Free space above the minimum, confirmed by writing and syncing a test file that size. */
  private async hasSpace(): Promise<boolean> {
    try {
      const s = await statfs(this.dir);
      if (s.bavail * s.bsize < this.minFree) return false;
    } catch {
      // statfs is missing on some systems: the test write decides.
    }
    const probe = join(this.dir, `.space-probe.${process.pid}.tmp`);
    try {
      const fh = await open(probe, 'w');
      try {
        await fh.writeFile(Buffer.alloc(Math.min(this.minFree, 256 * 1024)));
        await fh.datasync();
      } finally {
        await fh.close();
      }
      return true;
    } catch {
      return false;
    } finally {
      await unlink(probe).catch(() => undefined);
    }
  }
}

import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { ParleyError } from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';
import { DamagedFileError, readJsonFile } from './atomicJsonFile.js';
import type { DiskState } from './diskState.js';
import { DurableDoc } from './durableDoc.js';
import { quarantine } from './quarantine.js';

/** How to open one core document (users, rooms, reads, files, seqs, parley.json…). */
export interface CoreDocSpec<T> {
  /** File name inside the data directory. */
  name: string;
  schema: z.ZodType<T>;
  /** Content of a new data directory. */
  empty: () => T;
}

/** Where and how core documents are opened. */
export interface CoreDocContext {
  dir: string;
  durable: boolean;
  disk: DiskState;
  log: Logger;
  /**
   * Whether the data directory is past its first start, so every core document must exist:
   * a missing one is then damage, not a fresh start.
   */
  initialised: boolean;
}

/** The text of the error that stops a start when a core document has no good copy. */
export function unusableMessage(path: string, reason: string): string {
  return (
    `${path} cannot be used (${reason}) and has no good backup (${basename(path)}.bak). ` +
    'Nothing was changed. Run `npm run host -- --repair` with the same --data to rebuild what can ' +
    'be rebuilt from the rest of the data directory, or restore the folder from a backup.'
  );
}

/** Thrown when a core document and its backup are both unusable: the host must not start. */
export class UnusableDataError extends ParleyError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('internal', unusableMessage(path, reason));
    this.name = 'UnusableDataError';
  }
}

/**
 * Opens a validated core document that keeps a `.bak` copy. A damaged or missing file is moved
 * to quarantine/ and replaced by its backup, with a log line naming both; when the backup is
 * unusable too, throws UnusableDataError (the caller refuses to start, or --repair rebuilds).
 */
export async function openCoreDoc<T>(
  ctx: CoreDocContext,
  spec: CoreDocSpec<T>,
): Promise<DurableDoc<T>> {
  const path = join(ctx.dir, spec.name);
  const bak = `${path}.bak`;
  const doc = new DurableDoc<T>(path, spec.empty(), {
    durable: ctx.durable,
    schema: spec.schema,
    backup: true,
    disk: ctx.disk,
  });
  let reason: string;
  try {
    const data = await readJsonFile(path, spec.schema);
    if (data !== null) {
      doc.data = data;
      return doc;
    }
    reason = 'the file is missing';
  } catch (err) {
    if (!(err instanceof DamagedFileError)) throw err;
    reason = err.reason;
  }
  let backup: T | null = null;
  let bakReason = 'there is none';
  try {
    backup = await readJsonFile(bak, spec.schema);
  } catch (err) {
    if (!(err instanceof DamagedFileError)) throw err;
    bakReason = err.reason;
  }
  if (backup === null) {
    if (reason === 'the file is missing' && !ctx.initialised) return doc; // a new data directory
    throw new UnusableDataError(path, `${reason}; its backup: ${bakReason}`);
  }
  const moved = reason === 'the file is missing' ? undefined : await quarantine(ctx.dir, path);
  // A plain copy, not a write through the doc: restoring must work on a full disk too, and the
  // copy is atomic enough here (the .bak stays until the next successful write).
  await copyFile(bak, path).catch(() => undefined);
  ctx.log.warn(
    `${path} ${reason === 'the file is missing' ? 'was missing' : `was damaged (${reason})`}; ` +
      `restored from ${bak}${moved ? `, the damaged file was moved to ${moved}` : ''}`,
  );
  doc.data = backup;
  return doc;
}

/**
 * Where the desktop engine keeps servers, identities and the outbox between runs:
 * userData/parley-client.json. Read through zod (a hand-edited or half-written file must not
 * crash the app), written atomically and durably (the outbox holds messages not yet on any
 * server: a power cut must not lose them).
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientStorage, StoredClientData } from '../../shared/client/deps.js';
import { readStoredData } from '../../shared/client/storedData.js';
import type { Logger } from '../../shared/log.js';
import { AtomicJsonFile } from '../server/store/atomicJsonFile.js';

/** File name inside userData. */
export const CLIENT_STORAGE_FILE = 'parley-client.json';

/** ClientStorage over a lowdb adapter (temp file, fsync, rename) in `dir`. */
export function createClientStorage(opts: {
  dir: string;
  log: Logger;
  /** fsync each save (default true; tests turn it off for speed). */
  durable?: boolean;
}): ClientStorage {
  const path = join(opts.dir, CLIENT_STORAGE_FILE);
  const file = new AtomicJsonFile<StoredClientData>(path, opts.durable ?? true);

  const keepCorruptCopy = async (why: string): Promise<void> => {
    opts.log.warn(`${path}: ${why}; kept a copy as ${CLIENT_STORAGE_FILE}.corrupt`);
    await copyFile(path, `${path}.corrupt`).catch((err: unknown) =>
      opts.log.error('could not keep the corrupt client file', err),
    );
  };

  // Saves run one at a time (renames must land in call order); while one runs, only the latest
  // pending snapshot is kept, and every caller waiting resolves once it is on disk.
  let writing: Promise<void> | undefined;
  let pending:
    | { data: StoredClientData; done: Promise<void>; resolve(): void; reject(e: unknown): void }
    | undefined;
  const drain = async (): Promise<void> => {
    while (pending) {
      const job = pending;
      pending = undefined;
      try {
        await file.write(job.data);
        job.resolve();
      } catch (err) {
        job.reject(err);
      }
    }
    writing = undefined;
  };

  return {
    async load() {
      let raw: unknown;
      try {
        raw = await file.read();
      } catch (err) {
        await keepCorruptCopy(`unreadable (${(err as Error).message})`);
        return { servers: [] };
      }
      if (raw === null) return { servers: [] };
      const { data, dropped, foreign } = readStoredData(raw);
      if (foreign) {
        await keepCorruptCopy('not a Parley client file');
        return { servers: [] };
      }
      // One bad entry costs that entry only, not every other server.
      if (dropped > 0) await keepCorruptCopy(`${dropped} invalid entries dropped`);
      return data;
    },

    save(data) {
      // Snapshot now: the engine keeps mutating its state while the write waits.
      const snapshot = structuredClone(data);
      if (pending) {
        pending.data = snapshot;
        return pending.done;
      }
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      pending = { data: snapshot, done, resolve, reject };
      writing ??= drain();
      return done;
    },
  };
}

/**
 * Where the desktop engine keeps servers, identities and the outbox between runs:
 * userData/parley-client.json. Read through zod (a hand-edited or half-written file must not
 * crash the app), written atomically and durably (the outbox holds messages not yet on any
 * server: a power cut must not lose them).
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ClientStorage, StoredClientData, StoredServer } from '../shared/client/deps.js';
import { FileInfo } from '../shared/protocol/index.js';
import type { Logger } from '../shared/log.js';
import { AtomicJsonFile } from './server/store/atomicJsonFile.js';

/** File name inside userData. */
export const CLIENT_STORAGE_FILE = 'parley-client.json';

// Loose objects: fields a newer engine adds survive a load/save by this version.
const StoredOutboxItemSchema = z.looseObject({
  clientId: z.string().min(1),
  roomId: z.string().min(1),
  text: z.string(),
  fileId: z.string().optional(),
  file: FileInfo.optional(),
  ts: z.number(),
  failed: z.string().optional(),
});

const StoredServerSchema = z.looseObject({
  id: z.string().min(1),
  url: z.string().min(1),
  name: z.string(),
  token: z.string().optional(),
  lastName: z.string().optional(),
  muted: z.array(z.string()),
  outbox: z.array(StoredOutboxItemSchema),
  hosted: z.boolean().optional(),
}) satisfies z.ZodType<StoredServer>;

const HostingSchema = z.looseObject({
  serverId: z.string().min(1),
  name: z.string(),
  port: z.number().int().min(0).max(65535),
  password: z.string().optional(),
}) satisfies z.ZodType<NonNullable<StoredClientData['hosting']>>;

const FileShape = z.looseObject({ servers: z.array(z.unknown()) });

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
      const shape = FileShape.safeParse(raw);
      if (!shape.success) {
        await keepCorruptCopy('not a Parley client file');
        return { servers: [] };
      }
      const { servers: entries, hosting, ...rest } = shape.data;
      const data: StoredClientData = { ...rest, servers: [] };
      let dropped = 0;
      for (const entry of entries) {
        const parsed = StoredServerSchema.safeParse(entry);
        if (parsed.success) data.servers.push(parsed.data);
        else dropped++;
      }
      if (hosting !== undefined) {
        const parsed = HostingSchema.safeParse(hosting);
        if (parsed.success) data.hosting = parsed.data;
        else dropped++;
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

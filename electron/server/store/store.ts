import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ParleyError } from '../../../shared/protocol/index.js';
import { acquireDataLock, type DataLock } from './dataLock.js';
import { DurableDoc } from './durableDoc.js';
import { MessageLog } from './messageLog.js';
import { UserLog } from './userLog.js';
import {
  DATA_FORMAT,
  type FilesDoc,
  type MetaDoc,
  type PrefsDoc,
  type ReadsDoc,
  type RoomsDoc,
} from './records.js';

/** Options for opening a data directory. */
export interface StoreOptions {
  dir: string;
  /** fsync every write (default true); benchmarks may compare without. */
  durable?: boolean;
  /** Messages per segment file for a new data directory. */
  segmentSize?: number;
}

/** Everything the server keeps on disk, opened and locked. */
export class Store {
  private constructor(
    readonly dir: string,
    private readonly lock: DataLock,
    readonly meta: DurableDoc<MetaDoc>,
    readonly users: UserLog,
    readonly rooms: DurableDoc<RoomsDoc>,
    readonly reads: DurableDoc<ReadsDoc>,
    readonly files: DurableDoc<FilesDoc>,
    readonly messages: MessageLog,
    readonly prefs: DurableDoc<PrefsDoc>,
  ) {}

  /** Folder where uploaded file bytes are stored, one file per id. */
  get filesDir(): string {
    return join(this.dir, 'files');
  }

  /** Folder where profile pictures are stored, one file per id. */
  get avatarsDir(): string {
    return join(this.dir, 'avatars');
  }

  /** Opens (creating if needed) and locks a data directory. */
  static async open(opts: StoreOptions): Promise<Store> {
    const { dir } = opts;
    const durable = opts.durable ?? true;
    await mkdir(join(dir, 'files'), { recursive: true });
    await mkdir(join(dir, 'avatars'), { recursive: true });
    const lock = acquireDataLock(dir);
    try {
      const doc = <T>(name: string, empty: T) =>
        new DurableDoc<T>(join(dir, name), empty, durable).load();
      const meta = await doc<MetaDoc>('parley.json', {
        format: DATA_FORMAT,
        createdAt: Date.now(),
        segmentSize: opts.segmentSize ?? 500,
      });
      if (meta.data.format > DATA_FORMAT) {
        throw new ParleyError(
          'internal',
          `The data directory ${dir} was written by a newer Parley (format ${meta.data.format}); ` +
            'update Parley to open it.',
        );
      }
      const users = await new UserLog(join(dir, 'users'), durable).open(join(dir, 'users.json'));
      // Format 2 keeps users in segments (users/); format 1 had them all in users.json.
      meta.data.format = DATA_FORMAT;
      await meta.commit();
      const messages = new MessageLog(join(dir, 'messages'), meta.data.segmentSize, durable);
      await messages.open();
      await removeStaleUploads(join(dir, 'files'));
      return new Store(
        dir,
        lock,
        meta,
        users,
        await doc<RoomsDoc>('rooms.json', { rooms: [] }),
        await doc<ReadsDoc>('reads.json', { reads: {} }),
        await doc<FilesDoc>('files.json', { files: {} }),
        messages,
        await doc<PrefsDoc>('prefs.json', { prefs: {} }),
      );
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  /** Waits for every pending write, then releases the folder. */
  async close(): Promise<void> {
    try {
      await Promise.all([
        this.meta.settled(),
        this.users.settled(),
        this.rooms.settled(),
        this.reads.settled(),
        this.files.settled(),
        this.prefs.settled(),
        this.messages.flush(),
      ]);
    } finally {
      this.lock.release();
    }
  }
}

/** Uploads cut off by a crash leave partial temp files; they are never referenced, so drop them. */
async function removeStaleUploads(filesDir: string): Promise<void> {
  for (const name of await readdir(filesDir)) {
    if (name.endsWith('.part')) await unlink(join(filesDir, name)).catch(() => undefined);
  }
  // Profile pictures are written the same way (a temp file renamed into place).
  const avatars = join(filesDir, '..', 'avatars');
  for (const name of await readdir(avatars)) {
    if (name.endsWith('.part')) await unlink(join(avatars, name)).catch(() => undefined);
  }
}

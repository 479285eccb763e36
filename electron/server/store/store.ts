import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ParleyError } from '../../../shared/protocol/index.js';
import { createLogger, type Logger } from '../../../shared/log.js';
import { openCoreDoc, UnusableDataError, type CoreDocContext } from './coreDoc.js';
import { acquireDataLock, type DataLock } from './dataLock.js';
import { DiskState, type DiskStateOptions } from './diskState.js';
import type { DurableDoc } from './durableDoc.js';
import { MessageLog, type DamageNotice } from './messageLog.js';
import {
  AccessDoc,
  DATA_FORMAT,
  FilesDoc,
  MetaDoc,
  PrefsDoc,
  ReadsDoc,
  RoomsDoc,
  SeqsDoc,
} from './records.js';
import { UserLog } from './userLog.js';
import { removeLeftovers } from './leftovers.js';

/** Options for opening a data directory. */
export interface StoreOptions {
  dir: string;
  /** fsync every write (default true); benchmarks may compare without. */
  durable?: boolean;
  /** Messages per segment file for a new data directory. */
  segmentSize?: number;
  /** Where damage found and restored is reported. */
  log?: Logger;
  /** Full-disk detection (minimum free space, how often to look again). */
  disk?: DiskStateOptions;
}

/**
 * The core documents, by file name: every one is validated and keeps a `.bak`. Users live in
 * segment files under users/, each a core document of its own.
 */
export const CORE_DOCS = {
  meta: 'parley.json',
  rooms: 'rooms.json',
  reads: 'reads.json',
  files: 'files.json',
  prefs: 'prefs.json',
  access: 'access.json',
  seqs: 'seqs.json',
} as const;

/** Everything the server keeps on disk, opened and locked. */
export class Store {
  private constructor(
    readonly dir: string,
    private readonly lock: DataLock,
    /** Read-only mode while the disk is full. */
    readonly disk: DiskState,
    readonly meta: DurableDoc<MetaDoc>,
    readonly users: UserLog,
    readonly rooms: DurableDoc<RoomsDoc>,
    readonly reads: DurableDoc<ReadsDoc>,
    readonly files: DurableDoc<FilesDoc>,
    readonly seqs: DurableDoc<SeqsDoc>,
    readonly messages: MessageLog,
    readonly prefs: DurableDoc<PrefsDoc>,
    /** Invites and the invite-only switch. */
    readonly access: DurableDoc<AccessDoc>,
  ) {}

  /** Folder where uploaded file bytes are stored, one file per id. */
  get filesDir(): string {
    return join(this.dir, 'files');
  }

  /** Folder where profile pictures are stored, one file per id. */
  get avatarsDir(): string {
    return join(this.dir, 'avatars');
  }

  /** Segments lost since start (damaged → quarantined, or missing), for owners' notices. */
  get damage(): readonly DamageNotice[] {
    return this.messages.damage;
  }

  /** Opens (creating if needed) and locks a data directory. */
  static async open(opts: StoreOptions): Promise<Store> {
    const { dir } = opts;
    const durable = opts.durable ?? true;
    const log = opts.log ?? createLogger('store', 'silent');
    await mkdir(join(dir, 'files'), { recursive: true });
    await mkdir(join(dir, 'avatars'), { recursive: true });
    const lock = acquireDataLock(dir);
    try {
      const disk = new DiskState(dir, log, opts.disk);
      await removeLeftovers(dir, log);
      await disk.checkSpace();
      const ctx: CoreDocContext = {
        dir,
        durable,
        disk,
        log,
        initialised: await initialised(dir),
      };
      const meta = await openCoreDoc(ctx, {
        name: CORE_DOCS.meta,
        schema: MetaDoc,
        empty: () => ({
          format: DATA_FORMAT,
          createdAt: Date.now(),
          segmentSize: opts.segmentSize ?? 500,
        }),
      });
      if (meta.data.format > DATA_FORMAT) {
        throw new ParleyError(
          'internal',
          `The data directory ${dir} was written by a newer Parley (format ${meta.data.format}); ` +
            'update Parley to open it.',
        );
      }
      // Before format 3 a document was only written once it changed: missing ones are empty.
      if (meta.data.format < 3) ctx.initialised = false;
      // Format 2 keeps users in segments (users/); format 1 had them all in users.json.
      const users = await new UserLog(join(dir, 'users'), durable, ctx).open(
        join(dir, 'users.json'),
      );
      const rooms = await openCoreDoc(ctx, {
        name: CORE_DOCS.rooms,
        schema: RoomsDoc,
        empty: () => ({ rooms: [] }),
      });
      if (ctx.initialised && users.size === 0 && rooms.data.rooms.some((r) => r.members.length)) {
        // Rooms have members but no user segment exists: users/ was emptied, not never used.
        throw new UnusableDataError(
          join(dir, 'users', '00000000.json'),
          'the file is missing, while rooms.json lists members; its backup: there is none',
        );
      }
      const reads = await openCoreDoc(ctx, {
        name: CORE_DOCS.reads,
        schema: ReadsDoc,
        empty: () => ({ reads: {} }),
      });
      const files = await openCoreDoc(ctx, {
        name: CORE_DOCS.files,
        schema: FilesDoc,
        empty: () => ({ files: {} }),
      });
      const prefs = await openCoreDoc(ctx, {
        name: CORE_DOCS.prefs,
        schema: PrefsDoc,
        empty: () => ({ prefs: {} }),
      });
      // Format 4 added access.json: a folder written before has none yet, and that is no damage.
      const access = await openCoreDoc(
        { ...ctx, initialised: ctx.initialised && meta.data.format >= 4 },
        {
          name: CORE_DOCS.access,
          schema: AccessDoc,
          empty: () => ({ inviteOnly: false, invites: [] }),
        },
      );
      const seqs = await openCoreDoc(ctx, {
        name: CORE_DOCS.seqs,
        schema: SeqsDoc,
        empty: () => ({ rooms: {} }),
      });
      const messages = new MessageLog(join(dir, 'messages'), meta.data.segmentSize, durable, 32, {
        seqs,
        disk,
        log,
        dataDir: dir,
      });
      await messages.open();
      // Every document exists from the first start on, so a missing one later is damage. On a
      // full disk this waits for the next start; the host runs read-only meanwhile.
      const upgrade = meta.data.format < DATA_FORMAT || !ctx.initialised;
      meta.data.format = DATA_FORMAT;
      if (upgrade) {
        await Promise.all([rooms, reads, files, prefs, access, seqs].map((d) => d.commit())).catch(
          () => undefined,
        );
      }
      await meta.commit().catch((err: unknown) => {
        if (!disk.full) throw err;
      });
      return new Store(
        dir,
        lock,
        disk,
        meta,
        users,
        rooms,
        reads,
        files,
        seqs,
        messages,
        prefs,
        access,
      );
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  /** Waits for every pending write, then releases the folder. */
  async close(): Promise<void> {
    this.disk.stop();
    try {
      await Promise.all([
        this.meta.settled(),
        this.users.settled(),
        this.rooms.settled(),
        this.reads.settled(),
        this.files.settled(),
        this.prefs.settled(),
        this.access.settled(),
        this.seqs.settled(),
        this.messages.flush(),
      ]);
    } finally {
      this.lock.release();
    }
  }
}

/** Whether a data directory was used before (has its parley.json or its backup, or data). */
async function initialised(dir: string): Promise<boolean> {
  for (const name of [CORE_DOCS.meta, `${CORE_DOCS.meta}.bak`, 'users.json', CORE_DOCS.rooms]) {
    if (
      await stat(join(dir, name)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  const rooms = await readdir(join(dir, 'messages')).catch(() => [] as string[]);
  return rooms.length > 0;
}

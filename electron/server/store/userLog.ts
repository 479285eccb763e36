import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { openCoreDoc, type CoreDocContext } from './coreDoc.js';
import { DurableDoc } from './durableDoc.js';
import { UserSegment, type StoredUser } from './records.js';

/** Users per segment file: a registration rewrites at most this many users, never all of them. */
export const USERS_PER_SEGMENT = 500;

/**
 * Every registered user, in segment files of USERS_PER_SEGMENT users each (lowdb documents
 * written atomically). A registration appends to the newest segment and a profile change
 * rewrites the segment holding that user, so the cost of a write does not grow with the number
 * of users. All users are held in memory (the directory indexes them).
 */
export class UserLog {
  private readonly segments: DurableDoc<UserSegment>[] = [];
  /** userId → the segment holding them. */
  private readonly segmentOf = new Map<string, DurableDoc<UserSegment>>();

  constructor(
    private readonly dir: string,
    private readonly durable = true,
    /** Validation, .bak copies and the full-disk guard, as for every core document. */
    private readonly core?: CoreDocContext,
  ) {}

  /**
   * Loads every segment. A data directory of format 1 kept every user in one users.json: that
   * file is split into segments here (each written atomically), then removed. Until it is
   * removed it is the truth, so a crash mid-way simply splits it again on the next start.
   */
  async open(legacyFile?: string): Promise<this> {
    await mkdir(this.dir, { recursive: true });
    const legacy = legacyFile ? await readLegacy(legacyFile) : undefined;
    if (legacy) {
      // Format 1 had no directory versions: number the users in registration order.
      legacy.forEach((u, i) => (u.version ??= i + 1));
      for (let i = 0; i < legacy.length; i += USERS_PER_SEGMENT) {
        const doc = this.doc(this.segments.length);
        doc.data.users = legacy.slice(i, i + USERS_PER_SEGMENT);
        await doc.commit();
        this.adopt(doc);
      }
      // Segments left over from an earlier, interrupted split would hold duplicates.
      const count = this.segments.length;
      for (const f of await this.files()) {
        if (Number(f.slice(0, 8)) >= count) await unlink(join(this.dir, f));
      }
      await unlink(legacyFile!);
      return this;
    }
    const core = this.core;
    if (core) {
      // Every segment up to the newest must load: a damaged or missing one is restored from its
      // .bak, or the start is refused naming it (losing users silently would orphan sessions).
      const indices = (await readdir(this.dir))
        .filter((f) => /^\d{8}\.json(\.bak)?$/.test(f))
        .map((f) => Number(f.slice(0, 8)));
      const newest = indices.length ? Math.max(...indices) : -1;
      for (let i = 0; i <= newest; i++) {
        const name = `${String(i).padStart(8, '0')}.json`;
        const doc = await openCoreDoc(
          { ...core, initialised: true },
          {
            name: join(this.dir.slice(core.dir.length + 1), name),
            schema: UserSegment,
            empty: () => ({ format: 1 as const, users: [] }),
          },
        );
        this.adopt(doc);
      }
      return this;
    }
    for (const f of await this.files()) {
      const doc = await this.doc(this.segments.length).load();
      if (doc.path !== join(this.dir, f)) throw new Error(`users: segment ${f} is out of order`);
      this.adopt(doc);
    }
    return this;
  }

  /** Every user, in registration order. */
  *all(): IterableIterator<StoredUser> {
    for (const seg of this.segments) yield* seg.data.users;
  }

  /** Number of users. */
  get size(): number {
    return this.segmentOf.size;
  }

  /** Appends a new user; resolves once it is on disk (on failure the user is not kept). */
  async add(user: StoredUser): Promise<void> {
    let tail = this.segments.at(-1);
    if (!tail || tail.data.users.length >= USERS_PER_SEGMENT) {
      tail = this.doc(this.segments.length);
      this.segments.push(tail);
    }
    tail.data.users.push(user);
    this.segmentOf.set(user.id, tail);
    try {
      await tail.commit();
    } catch (err) {
      this.drop(user);
      throw err;
    }
  }

  /** Writes the current state of a user (after changing it in place). */
  async save(user: StoredUser): Promise<void> {
    const seg = this.segmentOf.get(user.id);
    if (!seg) throw new Error(`users: no user ${user.id}`);
    await seg.commit();
  }

  /** Removes a user (registration that nobody can ever sign in to). */
  async remove(user: StoredUser): Promise<void> {
    const seg = this.drop(user);
    await seg?.commit();
  }

  /** Resolves when every write asked for so far has finished. */
  async settled(): Promise<void> {
    await Promise.all(this.segments.map((s) => s.settled()));
  }

  private drop(user: StoredUser): DurableDoc<UserSegment> | undefined {
    const seg = this.segmentOf.get(user.id);
    if (!seg) return undefined;
    this.segmentOf.delete(user.id);
    seg.data.users = seg.data.users.filter((u) => u.id !== user.id);
    return seg;
  }

  private adopt(doc: DurableDoc<UserSegment>): void {
    this.segments.push(doc);
    for (const u of doc.data.users) this.segmentOf.set(u.id, doc);
  }

  private doc(index: number): DurableDoc<UserSegment> {
    const path = join(this.dir, `${String(index).padStart(8, '0')}.json`);
    return new DurableDoc<UserSegment>(
      path,
      { format: 1, users: [] },
      this.core
        ? { durable: this.durable, schema: UserSegment, backup: true, disk: this.core.disk }
        : this.durable,
    );
  }

  private async files(): Promise<string[]> {
    return (await readdir(this.dir)).filter((f) => /^\d{8}\.json$/.test(f)).sort();
  }
}

async function readLegacy(path: string): Promise<StoredUser[] | undefined> {
  try {
    const doc = JSON.parse(await readFile(path, 'utf8')) as {
      users: Array<Omit<StoredUser, 'version'> & { version?: number }>;
    };
    return doc.users as StoredUser[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

import type { StoredUser } from '../store/records.js';
import { nameKey } from './ids.js';

/** First index in a sorted array whose value is greater than `key` (binary search). */
function upperBound<T>(items: readonly T[], key: string | number, of: (t: T) => string | number) {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (of(items[mid]!) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The orders the directory is read in: by name (pages and search) and by version (changes since a
 * version). Both are kept sorted as users come and change, so a page costs its own size plus a
 * binary search, never a sort of every user.
 */
export class DirectoryIndex {
  /** Users sorted by name key (names are unique by key). */
  private readonly byName: Array<{ key: string; user: StoredUser }> = [];
  /** Change log: (version, user) in version order; entries whose user moved on are skipped. */
  private changes: Array<{ version: number; user: StoredUser }> = [];
  private live = 0;

  /** Indexes the users found on disk (once, before any other change). */
  load(users: Iterable<StoredUser>): void {
    for (const user of users) {
      this.byName.push({ key: nameKey(user.name), user });
      this.changes.push({ version: user.version, user });
      this.live++;
    }
    this.byName.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.changes.sort((a, b) => a.version - b.version);
  }

  /** Adds a user (at registration) under their current name and version. */
  add(user: StoredUser): void {
    const key = nameKey(user.name);
    this.byName.splice(
      upperBound(this.byName, key, (e) => e.key),
      0,
      { key, user },
    );
    this.logChange(user);
    this.live++;
  }

  /** Removes a user entirely. */
  remove(user: StoredUser): void {
    this.removeName(user.name);
    this.live--;
    // Its change-log entry is skipped from now on: the user object is no longer indexed.
    this.changes = this.changes.filter((c) => c.user !== user);
  }

  /** Records that a user changed (name and version already updated; `oldName` before). */
  changed(user: StoredUser, oldName: string): void {
    if (nameKey(oldName) !== nameKey(user.name)) {
      this.removeName(oldName);
      const key = nameKey(user.name);
      this.byName.splice(
        upperBound(this.byName, key, (e) => e.key),
        0,
        { key, user },
      );
    }
    this.logChange(user);
  }

  /**
   * Up to `limit` users whose name key contains `query` (already a name key), after `cursor`.
   * `next` is set when more may follow.
   */
  page(query: string, cursor: string | undefined, limit: number) {
    const users: StoredUser[] = [];
    let i = cursor === undefined ? 0 : upperBound(this.byName, cursor, (e) => e.key);
    for (; i < this.byName.length && users.length < limit; i++) {
      const e = this.byName[i]!;
      if (query === '' || e.key.includes(query)) users.push(e.user);
    }
    const more = i < this.byName.length;
    return { users, next: more && users.length > 0 ? nameKey(users.at(-1)!.name) : undefined };
  }

  /** Up to `limit` users changed after version `since`, oldest change first. */
  since(since: number, limit: number): { users: StoredUser[]; upTo: number; more: boolean } {
    const users: StoredUser[] = [];
    let upTo = since;
    let i = upperBound(this.changes, since, (c) => c.version);
    for (; i < this.changes.length && users.length < limit; i++) {
      const c = this.changes[i]!;
      if (c.user.version !== c.version) continue; // changed again later: listed there
      users.push(c.user);
      upTo = c.version;
    }
    while (i < this.changes.length && this.changes[i]!.user.version !== this.changes[i]!.version)
      i++;
    return { users, upTo, more: i < this.changes.length };
  }

  private logChange(user: StoredUser): void {
    this.changes.push({ version: user.version, user });
    // Stale entries are dropped once they outnumber live ones: amortized O(1) per change.
    if (this.changes.length > 2 * this.live + 64)
      this.changes = this.changes.filter((c) => c.user.version === c.version);
  }

  private removeName(name: string): void {
    const key = nameKey(name);
    const at = upperBound(this.byName, key, (e) => e.key) - 1;
    if (at >= 0 && this.byName[at]!.key === key) this.byName.splice(at, 1);
  }
}

/**
 * The client's copy of a server's user directory: only the users it has seen (welcome, pages,
 * searches, live changes), kept current by version. A reconnect asks only for the changes since
 * the version it holds; users it meets in rooms and messages are fetched by id, in batches.
 */
import type { DirectoryInfo, ServerFrame, ServerFrameOf, User } from '../protocol/index.js';
import { LIMITS } from '../protocol/limits.js';
import type { UserPage } from '../api/calls.js';
import type { Outgoing } from './connection.js';

type Request = (frame: Outgoing) => Promise<ServerFrame>;

/** Bound on pages fetched in one catch-up: past it the rest comes with the next reconnect. */
const MAX_CATCH_UP_PAGES = 50;
/** Cached users whose presence is refreshed after a reconnect (presence is not versioned). */
const MAX_PRESENCE_REFRESH = 1000;

/** Known users of one server, by id. */
export class DirectoryCache {
  /** Every user this client knows about, with presence. */
  readonly users = new Map<string, User>();
  /** Version of the directory this copy is current to (undefined before the first welcome). */
  version: number | undefined;
  /** Users on the server. */
  total = 0;
  private readonly wanted = new Set<string>();
  private fetchScheduled = false;

  constructor(
    private readonly request: Request,
    private readonly changed: () => void,
  ) {}

  /** Takes welcome's users; when it already had a copy, fetches only what changed since. */
  welcome(users: User[], info: DirectoryInfo): void {
    const since = this.version;
    this.total = info.total;
    const fresh = new Set(users.map((u) => u.id));
    for (const u of users) this.users.set(u.id, u);
    // Presence changed while we were away for users welcome did not list: ask again, bounded.
    let stale = 0;
    for (const id of this.users.keys()) {
      if (fresh.has(id)) continue;
      if (++stale > MAX_PRESENCE_REFRESH) break;
      this.wanted.add(id);
    }
    this.need([]);
    if (since === undefined || since === info.version) this.version = info.version;
    else void this.catchUp(since);
  }

  /** A live `user:updated`. */
  updated(user: User, version: number): void {
    const isNew = !this.users.has(user.id);
    this.users.set(user.id, user);
    if (this.version !== undefined && version === this.version + 1) this.version = version;
    if (isNew) this.total++;
  }

  /** A live presence change (only users already known are tracked). */
  presence(userId: string, status: User['status']): void {
    const u = this.users.get(userId);
    if (u) this.users.set(userId, { ...u, status });
  }

  /** Asks (batched per turn) for users referred to by id that this copy does not hold yet. */
  need(ids: Iterable<string>): void {
    for (const id of ids) if (!this.users.has(id)) this.wanted.add(id);
    if (this.wanted.size === 0 || this.fetchScheduled) return;
    this.fetchScheduled = true;
    queueMicrotask(() => void this.fetchWanted());
  }

  /** A page of users by name, optionally only those whose name contains `query`. */
  async search(query: string, cursor?: string, limit?: number): Promise<UserPage> {
    const f = (await this.request({
      type: 'directory',
      ...(query ? { query } : {}),
      ...(cursor ? { cursor } : {}),
      ...(limit ? { limit } : {}),
    })) as ServerFrameOf<'directory'>;
    this.total = f.total;
    for (const u of f.users) this.users.set(u.id, u);
    this.changed();
    return { users: f.users, total: f.total, ...(f.next ? { next: f.next } : {}) };
  }

  /** Applies every change after `since`, page by page. */
  private async catchUp(since: number): Promise<void> {
    try {
      for (let i = 0; i < MAX_CATCH_UP_PAGES; i++) {
        const f = (await this.request({
          type: 'directory:changes',
          since,
        })) as ServerFrameOf<'directory:changes'>;
        if (f.reset) this.users.clear();
        for (const u of f.users) this.users.set(u.id, u);
        this.version = f.upTo;
        this.changed();
        if (!f.more) return;
        since = f.upTo;
      }
    } catch {
      // Offline again: the next welcome starts from the version reached so far.
    }
  }

  private async fetchWanted(): Promise<void> {
    this.fetchScheduled = false;
    const ids = [...this.wanted].slice(0, LIMITS.directoryIdsMax);
    for (const id of ids) this.wanted.delete(id);
    if (ids.length === 0) return;
    try {
      const f = (await this.request({ type: 'directory', ids })) as ServerFrameOf<'directory'>;
      for (const u of f.users) this.users.set(u.id, u);
      this.changed();
    } catch {
      // Not reachable now; asked again the next time the id is needed.
    }
    if (this.wanted.size > 0) this.need([]);
  }
}

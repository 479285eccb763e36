import {
  LIMITS,
  ParleyError,
  type Avatar,
  type ClientFrameOf,
  type DirectoryInfo,
  type PresenceStatus,
  type Role,
  type ServerFrameOf,
  type User,
} from '../../../shared/protocol/index.js';
import type { Hub } from '../hub/hub.js';
import type { Store } from '../store/store.js';
import type { StoredUser } from '../store/records.js';
import { DirectoryIndex } from './directoryIndex.js';
import { nameKey, newId } from './ids.js';
import { Tokens, type TokenCheck } from './tokens.js';

/** A profile change; null or '' clears a picture, status or emoji. */
export interface ProfileChange {
  name?: string;
  avatar?: Avatar;
  avatarImage?: string | null;
  statusText?: string;
  statusEmoji?: string;
  dnd?: boolean;
}

const PALETTE = [
  '#e8590c',
  '#1c7ed6',
  '#2f9e44',
  '#ae3ec9',
  '#f08c00',
  '#0c8599',
  '#c2255c',
  '#5f3dc4',
];

/** The users of a server: registration, tokens, profiles, presence, pages and changes. */
export class Directory {
  private readonly byId = new Map<string, StoredUser>();
  private readonly byNameKey = new Map<string, StoredUser>();
  /** Session tokens of every user (one per device). */
  readonly tokens: Tokens;
  private readonly order = new DirectoryIndex();
  /** Ids of current profile pictures (only those are served). */
  private readonly pictures = new Set<string>();
  /** Version of the newest change; every registration or profile change takes the next one. */
  private version = 0;

  constructor(
    private readonly store: Store,
    private readonly hub: Hub,
    now: () => number = Date.now,
  ) {
    this.tokens = new Tokens(now);
    for (const u of store.users.all()) {
      this.index(u);
      this.version = Math.max(this.version, u.version);
    }
    this.order.load(store.users.all());
  }

  /** The directory's version and size, as welcome tells them. */
  info(): DirectoryInfo {
    return { version: this.version, total: this.byId.size };
  }

  /**
   * Registers a new user; the returned token is the only copy of it. The user is indexed at once
   * (the name is taken from now on) and `stored` settles when it is on disk; if that fails the
   * user is forgotten again. The caller announces them.
   */
  register(
    name: string,
    avatar: Avatar | undefined,
    role: Role = 'member',
  ): { user: StoredUser; token: string; stored: Promise<void> } {
    if (this.byNameKey.has(nameKey(name))) {
      throw new ParleyError(
        'name_taken',
        `The name "${name}" is taken on this server; pick another, or sign in with its personal password if it is yours.`,
      );
    }
    const user: StoredUser = {
      id: newId('u'),
      name,
      avatar: avatar ?? { color: PALETTE[this.byId.size % PALETTE.length]! },
      createdAt: Date.now(),
      version: ++this.version,
      role,
    };
    this.index(user);
    this.order.add(user);
    const token = this.tokens.issue(user);
    const stored = this.store.users.add(user).catch((err: unknown) => {
      this.unindex(user);
      throw err;
    });
    return { user, token, stored };
  }

  /**
   * Removes a user nobody can be: registration failed, or the client left before it got the
   * token. Otherwise the name would stay taken by an account no one can ever sign in to.
   */
  async forget(user: StoredUser): Promise<void> {
    if (this.byId.get(user.id) !== user) return;
    this.unindex(user);
    await this.store.users.remove(user);
  }

  /** The user a session token belongs to, or undefined (unknown, expired, revoked, banned). */
  byTokenValue(token: string): StoredUser | undefined {
    const found = this.checkToken(token);
    return found.ok ? found.user : undefined;
  }

  /** Checks a token and records its use (stored at most hourly). */
  checkToken(token: string): TokenCheck {
    const found = this.tokens.check(token);
    if (found.ok && this.tokens.touch(found.token)) {
      // Best effort: a lost lastUsedAt only makes a token look idle an hour longer.
      this.store.users.save(found.user).catch(() => undefined);
    }
    return found;
  }

  /** Stores a role or ban change as a directory change and tells everyone. */
  async changed(user: StoredUser): Promise<void> {
    user.version = ++this.version;
    this.order.changed(user, user.name);
    await this.store.users.save(user);
    this.hub.toEveryone({ type: 'user:updated', user: this.view(user), version: user.version });
  }

  /** Every user (for role checks). */
  all(): IterableIterator<StoredUser> {
    return this.byId.values();
  }

  /** The user with this name (case- and width-insensitive), or undefined. */
  byName(name: string): StoredUser | undefined {
    return this.byNameKey.get(nameKey(name));
  }

  /** A token for one more device of the user; the returned token is the only copy. */
  async addToken(user: StoredUser): Promise<string> {
    const token = this.tokens.issue(user);
    await this.store.users.save(user);
    return token;
  }

  /** Makes one token stop working (that device signed out). */
  async revokeToken(user: StoredUser, hash: string): Promise<void> {
    this.tokens.revokeHash(user, hash);
    await this.store.users.save(user);
  }

  /** Stores a user changed in place where the directory's view does not change (secrets). */
  save(user: StoredUser): Promise<void> {
    return this.store.users.save(user);
  }

  /** Whether a picture id is someone's current profile picture. */
  hasPicture(id: string): boolean {
    return this.pictures.has(id);
  }

  /** A user by id. */
  get(id: string): StoredUser | undefined {
    return this.byId.get(id);
  }

  /** Changes the profile: name, avatar, picture, status, do-not-disturb (undefined keeps a field). */
  async updateProfile(id: string, change: ProfileChange): Promise<User> {
    const user = this.byId.get(id);
    if (!user) throw new ParleyError('not_found', 'No such user.');
    if (change.name !== undefined && nameKey(change.name) !== nameKey(user.name)) {
      if (this.byNameKey.has(nameKey(change.name))) {
        throw new ParleyError(
          'name_taken',
          `The name "${change.name}" is taken on this server; pick another.`,
        );
      }
      this.byNameKey.delete(nameKey(user.name));
      this.byNameKey.set(nameKey(change.name), user);
    }
    const oldName = user.name;
    if (change.name !== undefined) user.name = change.name;
    if (change.avatar !== undefined) user.avatar = change.avatar;
    if (change.avatarImage !== undefined && user.avatarImage)
      this.pictures.delete(user.avatarImage);
    if (change.avatarImage) this.pictures.add(change.avatarImage);
    for (const key of ['avatarImage', 'statusText', 'statusEmoji'] as const) {
      const value = change[key];
      if (value === null || value === '') delete user[key];
      else if (value !== undefined) user[key] = value;
    }
    if (change.dnd === false) delete user.dnd;
    else if (change.dnd) user.dnd = true;
    user.version = ++this.version;
    this.order.changed(user, oldName);
    await this.store.users.save(user);
    const view = this.view(user);
    this.hub.toEveryone({ type: 'user:updated', user: view, version: user.version });
    return view;
  }

  /** Presence from the user's live sessions: online if any is, away if all are, else offline. */
  presence(id: string): PresenceStatus {
    let status: PresenceStatus = 'offline';
    for (const c of this.hub.sessionsOf(id)) {
      if (c.status === 'online') return 'online';
      status = 'away';
    }
    return status;
  }

  /** Tells everyone when a user's presence changed from what it was. */
  announcePresence(id: string, before: PresenceStatus): void {
    const now = this.presence(id);
    if (now !== before) this.hub.toEveryone({ type: 'presence', userId: id, status: now });
  }

  /** The public view of a user. */
  view(user: StoredUser): User {
    return {
      id: user.id,
      name: user.name,
      avatar: user.avatar,
      status: this.presence(user.id),
      ...(user.avatarImage ? { avatarImage: user.avatarImage } : {}),
      ...(user.statusText ? { statusText: user.statusText } : {}),
      ...(user.statusEmoji ? { statusEmoji: user.statusEmoji } : {}),
      ...(user.dnd ? { dnd: true } : {}),
      role: user.role ?? 'member',
      ...(user.bannedAt !== undefined ? { banned: true as const } : {}),
    };
  }

  /** Views of the given users that exist, in the given order, without repeats. */
  views(ids: Iterable<string>, max = Infinity): User[] {
    const out: User[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      if (out.length >= max) break;
      const u = this.byId.get(id);
      if (!u || seen.has(id)) continue;
      seen.add(id);
      out.push(this.view(u));
    }
    return out;
  }

  /** Answers a `directory` request: the asked ids, or a page by name (optionally searched). */
  page(f: ClientFrameOf<'directory'>): Omit<ServerFrameOf<'directory'>, 'replyTo'> {
    const base = { type: 'directory' as const, version: this.version, total: this.byId.size };
    if (f.ids) {
      if (f.query !== undefined || f.cursor !== undefined) {
        throw new ParleyError('invalid', 'directory: give ids, or a query and cursor, not both');
      }
      return { ...base, users: this.views(f.ids) };
    }
    const limit = f.limit ?? LIMITS.directoryPageDefault;
    const { users, next } = this.order.page(nameKey(f.query ?? ''), f.cursor, limit);
    return { ...base, users: users.map((u) => this.view(u)), ...(next ? { next } : {}) };
  }

  /** Answers `directory:changes`: users changed after a version, oldest change first. */
  changes(f: ClientFrameOf<'directory:changes'>) {
    // A version this directory never reached comes from another server (or a wiped folder).
    const reset = f.since > this.version;
    const since = reset ? 0 : f.since;
    const page = this.order.since(since, f.limit ?? LIMITS.directoryPageMax);
    return {
      type: 'directory:changes' as const,
      version: this.version,
      users: page.users.map((u) => this.view(u)),
      upTo: page.more ? page.upTo : this.version,
      more: page.more,
      reset,
    };
  }

  private index(u: StoredUser): void {
    this.byId.set(u.id, u);
    this.byNameKey.set(nameKey(u.name), u);
    this.tokens.index(u);
    if (u.avatarImage) this.pictures.add(u.avatarImage);
  }

  private unindex(u: StoredUser): void {
    this.byId.delete(u.id);
    this.byNameKey.delete(nameKey(u.name));
    this.tokens.revokeAll(u);
    if (u.avatarImage) this.pictures.delete(u.avatarImage);
    this.order.remove(u);
  }
}

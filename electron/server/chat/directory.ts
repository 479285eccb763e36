import {
  ParleyError,
  type Avatar,
  type PresenceStatus,
  type User,
} from '../../../shared/protocol/index.js';
import type { Hub } from '../hub/hub.js';
import type { Store } from '../store/store.js';
import type { StoredUser } from '../store/records.js';
import { hashToken, nameKey, newId, newToken } from './ids.js';

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

/** The users of a server: registration, tokens, profiles and presence. */
export class Directory {
  private readonly byId = new Map<string, StoredUser>();
  private readonly byName = new Map<string, StoredUser>();
  private readonly byToken = new Map<string, StoredUser>();

  constructor(
    private readonly store: Store,
    private readonly hub: Hub,
  ) {
    for (const u of store.users.data.users) this.index(u);
  }

  /** Registers a new user; the returned token is the only copy of it. The caller announces them. */
  async register(
    name: string,
    avatar: Avatar | undefined,
  ): Promise<{ user: StoredUser; token: string }> {
    if (this.byName.has(nameKey(name))) {
      throw new ParleyError(
        'name_taken',
        `The name "${name}" is taken on this server; pick another.`,
      );
    }
    const token = newToken();
    const user: StoredUser = {
      id: newId('u'),
      name,
      avatar: avatar ?? { color: PALETTE[this.byId.size % PALETTE.length]! },
      createdAt: Date.now(),
      tokenHash: hashToken(token),
    };
    this.store.users.data.users.push(user);
    this.index(user);
    try {
      await this.store.users.commit();
    } catch (err) {
      await this.forget(user).catch(() => undefined);
      throw err;
    }
    return { user, token };
  }

  /**
   * Removes a user nobody can be: registration failed, or the client left before it got the
   * token. Otherwise the name would stay taken by an account no one can ever sign in to.
   */
  async forget(user: StoredUser): Promise<void> {
    this.byId.delete(user.id);
    this.byName.delete(nameKey(user.name));
    this.byToken.delete(user.tokenHash);
    this.store.users.data.users = this.store.users.data.users.filter((u) => u.id !== user.id);
    await this.store.users.commit();
  }

  /** The user a session token belongs to, or undefined. */
  byTokenValue(token: string): StoredUser | undefined {
    return this.byToken.get(hashToken(token));
  }

  /** A user by id. */
  get(id: string): StoredUser | undefined {
    return this.byId.get(id);
  }

  /** Changes name and/or avatar. */
  async updateProfile(id: string, change: { name?: string; avatar?: Avatar }): Promise<User> {
    const user = this.byId.get(id);
    if (!user) throw new ParleyError('not_found', 'No such user.');
    if (change.name !== undefined && nameKey(change.name) !== nameKey(user.name)) {
      if (this.byName.has(nameKey(change.name))) {
        throw new ParleyError(
          'name_taken',
          `The name "${change.name}" is taken on this server; pick another.`,
        );
      }
      this.byName.delete(nameKey(user.name));
      this.byName.set(nameKey(change.name), user);
    }
    if (change.name !== undefined) user.name = change.name;
    if (change.avatar !== undefined) user.avatar = change.avatar;
    await this.store.users.commit();
    const view = this.view(user);
    this.hub.toEveryone({ type: 'user:updated', user: view });
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
    return { id: user.id, name: user.name, avatar: user.avatar, status: this.presence(user.id) };
  }

  /** The whole directory, as the built-in contacts list. */
  list(): User[] {
    return [...this.byId.values()].map((u) => this.view(u));
  }

  private index(u: StoredUser): void {
    this.byId.set(u.id, u);
    this.byName.set(nameKey(u.name), u);
    this.byToken.set(u.tokenHash, u);
  }
}

import {
  DEFAULT_PREFERENCES,
  LIMITS,
  type ClientFrameOf,
  type Message,
  type Preferences as Prefs,
} from '../../../shared/protocol/index.js';
import { levelAllows, levelFor, mentions } from '../../../shared/notifyLevels.js';
import type { Hub } from '../hub/hub.js';
import type { StoredRoom, StoredUser } from '../store/records.js';
import type { Store } from '../store/store.js';

/** A copy, so callers never hold the stored object. */
const copy = (p: Prefs): Prefs => ({ ...p, rooms: { ...p.rooms } });

/**
 * Whether user U should be told about message M (push, or anything else outside an open app):
 * never about their own messages, never while they are on do-not-disturb, otherwise as the
 * room's notification level says (all; mentions and DMs; none).
 */
export function shouldNotifyUser(
  user: Pick<StoredUser, 'id' | 'name' | 'dnd'>,
  prefs: Prefs | undefined,
  room: Pick<StoredRoom, 'id' | 'kind'>,
  message: Pick<Message, 'authorId' | 'text' | 'deleted'>,
): boolean {
  if (message.authorId === user.id || message.deleted || user.dnd) return false;
  return levelAllows(levelFor(prefs, room.id), {
    dm: room.kind === 'dm',
    mention: mentions(message.text, user.name),
  });
}

/** Each person's preferences, kept in prefs.json so they follow the person to every device. */
export class PreferencesStore {
  constructor(
    private readonly store: Store,
    private readonly hub: Hub,
  ) {}

  /** A person's preferences (the defaults when they never changed them). */
  get(userId: string): Prefs {
    const all = this.store.prefs.data.prefs;
    return copy(Object.hasOwn(all, userId) ? all[userId]! : DEFAULT_PREFERENCES);
  }

  /** Applies a change, stores it, and tells every session of the person. */
  async change(
    userId: string,
    change: Omit<ClientFrameOf<'prefs:set'>, 'type' | 'id'>,
  ): Promise<Prefs> {
    const next = this.get(userId);
    if (change.notify !== undefined) next.notify = change.notify;
    if (change.sounds !== undefined) next.sounds = change.sounds;
    for (const [roomId, level] of Object.entries(change.rooms ?? {})) {
      if (level === null) delete next.rooms[roomId];
      else next.rooms[roomId] = level;
    }
    if (Object.keys(next.rooms).length > LIMITS.roomPrefsMax) {
      // Bounded, so one person cannot grow everyone's prefs.json without end: oldest go first.
      const keys = Object.keys(next.rooms);
      for (const k of keys.slice(0, keys.length - LIMITS.roomPrefsMax)) delete next.rooms[k];
    }
    this.store.prefs.data.prefs[userId] = next;
    await this.store.prefs.commit();
    this.hub.toUsers([userId], { type: 'prefs', prefs: copy(next) });
    return copy(next);
  }

  /** Forgets a person's preferences (a registration that never completed). */
  forget(userId: string): void {
    delete this.store.prefs.data.prefs[userId];
  }
}

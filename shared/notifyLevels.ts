/**
 * Notification levels, decided the same way by the client engine (desktop and browser
 * notifications) and by the server (for push): a pure function of the person's preferences,
 * the room and the message.
 */
import {
  DEFAULT_NOTIFY_LEVEL,
  type NotifyLevel,
  type Preferences,
} from './protocol/preferences.js';

/** Whether `text` mentions `name` as `@name` (case-insensitive, not inside a longer name). */
export function mentions(text: string, name: string | undefined): boolean {
  if (!name) return false;
  const lower = text.toLowerCase();
  const needle = `@${name.toLowerCase()}`;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) {
    const before = i === 0 ? '' : lower[i - 1]!;
    const after = lower.slice(i + needle.length, i + needle.length + 1);
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_-]/u.test(after)) return true;
  }
  return false;
}

/** The level that applies to a room: its own, else the person's global one, else the default. */
export function levelFor(prefs: Preferences | undefined, roomId: string): NotifyLevel {
  if (!prefs) return DEFAULT_NOTIFY_LEVEL;
  return Object.hasOwn(prefs.rooms, roomId) ? prefs.rooms[roomId]! : prefs.notify;
}

/** What a message is to the person who might be told about it. */
export interface MessageKind {
  /** The message is in a direct-message room. */
  dm: boolean;
  /** It @mentions the person. */
  mention: boolean;
}

/** Whether a level lets this kind of message through: all, mentions-and-DMs, or none. */
export function levelAllows(level: NotifyLevel, kind: MessageKind): boolean {
  if (level === 'all') return true;
  if (level === 'none') return false;
  return kind.dm || kind.mention;
}

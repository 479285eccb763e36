import { z } from 'zod';
import { LIMITS } from './limits.js';
import { RoomId } from './entities.js';

/**
 * How much of a room a person wants to hear about: every message, only @mentions and direct
 * messages, or nothing.
 */
export const NotifyLevel = z.enum(['all', 'mentions', 'none']);
/** How much of a room a person wants to hear about. */
export type NotifyLevel = z.infer<typeof NotifyLevel>;

/** The level when the person chose none: mentions and DMs. */
export const DEFAULT_NOTIFY_LEVEL: NotifyLevel = 'mentions';

/** A person's settings, kept by the server so they follow them to every device. */
export const Preferences = z.object({
  /** The level for every room without its own. */
  notify: NotifyLevel,
  /** roomId → level, for rooms set apart from the global level. */
  rooms: z.record(RoomId, NotifyLevel),
  /** Play a sound with notifications. */
  sounds: z.boolean(),
});
/** A person's settings, kept by the server. */
export type Preferences = z.infer<typeof Preferences>;

/** Preferences of someone who never changed them. */
export const DEFAULT_PREFERENCES: Preferences = {
  notify: DEFAULT_NOTIFY_LEVEL,
  rooms: {},
  sounds: true,
};

/** A change to preferences: the fields given replace; a room set to null follows the global level. */
export const PreferencesChange = {
  notify: NotifyLevel.optional(),
  rooms: z
    .record(RoomId, NotifyLevel.nullable())
    .refine(
      (r) => Object.keys(r).length <= LIMITS.roomPrefsMax,
      `at most ${LIMITS.roomPrefsMax} rooms at once`,
    )
    .optional(),
  sounds: z.boolean().optional(),
};

/**
 * A short-lived credential for the file routes only (`?access=` on GET /api/files/:id and
 * /api/avatars/:id), so links and <img> never carry the session token.
 */
export const FileAccess = z.object({
  access: z.string(),
  /** When it stops working (ms since the epoch); ask for a new one before. */
  expiresAt: z.number().int(),
});
/** A short-lived credential for the file routes. */
export type FileAccess = z.infer<typeof FileAccess>;

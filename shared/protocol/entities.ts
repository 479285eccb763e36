import { z } from 'zod';
import { LIMITS } from './limits.js';

/**
 * Bidirectional-text controls (embeddings, overrides, isolates, marks): in a name they can make
 * text read as something else ("invoice\u202Efdp.exe"), so names and statuses refuse them.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Text a person typed as a name: trimmed, no control or bidi-control characters. */
const displayText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
    .refine((t) => !BIDI_CONTROLS.test(t), 'must not contain text-direction controls');

/** A display name, unique per server (case-insensitive). */
export const DisplayName = displayText(LIMITS.nameMax);
/** A room name, unique per server (case-insensitive). */
export const RoomName = displayText(LIMITS.roomNameMax);
/** A room topic; may be empty. */
export const Topic = z
  .string()
  .trim()
  .max(LIMITS.topicMax, `must be at most ${LIMITS.topicMax} characters`)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** Server-generated ids: a one-letter kind prefix and url-safe random characters. */
const serverId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_-]{4,64}$`), `must be a ${prefix}_ id`);
/** A user id (`u_…`). */
export const UserId = serverId('u');
/** A room id: `r_…` for rooms, `d_…` for direct messages. */
export const RoomId = z.string().regex(/^[rd]_[A-Za-z0-9_-]{4,64}$/, 'must be a room id');
/** A stored file id (`f_…`). Stored file names are derived from it, never from the user. */
export const FileId = serverId('f');

/** Per-room message sequence number, starting at 1. */
export const Seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Avatar shown next to a name. */
export const Avatar = z.strictObject({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'),
  emoji: displayText(LIMITS.emojiMax).optional(),
});
/** Avatar shown next to a name. */
export type Avatar = z.infer<typeof Avatar>;

/** Presence as shown in the directory. */
export const PresenceStatus = z.enum(['online', 'away', 'offline']);
/** Presence as shown in the directory. */
export type PresenceStatus = z.infer<typeof PresenceStatus>;

/** A short status a person sets ("In a meeting"); may be empty (cleared). */
export const StatusText = z
  .string()
  .trim()
  .max(LIMITS.statusTextMax, `must be at most ${LIMITS.statusTextMax} characters`)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
  .refine((t) => !BIDI_CONTROLS.test(t), 'must not contain text-direction controls');

/** One emoji next to the status; may be empty (cleared). */
export const StatusEmoji = z.union([z.literal(''), displayText(LIMITS.emojiMax)]);
/** What a user may do on a server: owner (who hosts) > admin > member. */
export const Role = z.enum(['owner', 'admin', 'member']);
/** What a user may do on a server. */
export type Role = z.infer<typeof Role>;

/** A user in the server's directory. */
export const User = z.object({
  id: UserId,
  name: z.string(),
  avatar: Avatar,
  status: PresenceStatus,
  /** Profile picture: GET /api/avatars/:id (256×256 PNG, JPEG or WebP). */
  avatarImage: FileId.optional(),
  /** The person's own status line and its emoji. */
  statusText: z.string().optional(),
  statusEmoji: z.string().optional(),
  /** Do not disturb: the person asked for no notifications. */
  dnd: z.boolean().optional(),
  /** Always sent by this server; absent (older servers) means member. */
  role: Role.optional(),
  /** Present when the user is banned: their sessions are revoked and the name cannot return. */
  banned: z.literal(true).optional(),
});
/** A user in the server's directory. */
export type User = z.infer<typeof User>;

/** A room or DM as one user sees it. */
export const RoomSummary = z.object({
  id: RoomId,
  kind: z.enum(['room', 'dm']),
  /** Private room: only its members see it, its messages, files and member list. Always sent. */
  private: z.boolean().optional(),
  name: z.string(),
  topic: z.string(),
  /**
   * Member ids: all of them up to LIMITS.summaryMembersMax, else that many (the receiving user and
   * online members first). DMs always list both members.
   */
  members: z.array(UserId),
  /** How many members the room has. */
  memberCount: z.number().int().nonnegative(),
  /** Whether the receiving user is a member (receives its messages live). */
  joined: z.boolean(),
  /** Highest sequence number in the room (0 when empty). */
  lastSeq: Seq,
  /** The receiving user's read marker: last sequence they have read. */
  readSeq: Seq,
});
/** A room or DM as one user sees it. */
export type RoomSummary = z.infer<typeof RoomSummary>;

/** Where a client's copy of the directory stands: changes are numbered by `version`. */
export const DirectoryInfo = z.object({
  /** Version of the newest change (registration, name or avatar); 0 when there are no users. */
  version: z.number().int().nonnegative(),
  /** Registered users. */
  total: z.number().int().nonnegative(),
});
/** Where a client's copy of the directory stands. */
export type DirectoryInfo = z.infer<typeof DirectoryInfo>;

/** Metadata of a shared file; the bytes are at GET /api/files/:id. */
export const FileInfo = z.object({
  id: FileId,
  name: z.string(),
  size: z.number().int().nonnegative(),
  type: z.string(),
});
/** Metadata of a shared file. */
export type FileInfo = z.infer<typeof FileInfo>;

/** A message as stored and sent. Deleted messages keep their seq with empty text. */
export const Message = z.object({
  roomId: RoomId,
  seq: Seq,
  ts: z.number().int(),
  authorId: UserId,
  clientId: z.string(),
  text: z.string(),
  file: FileInfo.optional(),
  editedAt: z.number().int().optional(),
  deleted: z.literal(true).optional(),
  /** emoji → ids of users who reacted with it. */
  reactions: z.record(z.string(), z.array(UserId)),
});
/** A message as stored and sent. */
export type Message = z.infer<typeof Message>;

/** What the server tells about itself in welcome and /api/health. */
export const ServerInfo = z.object({
  name: z.string(),
  version: z.string(),
  protocol: z.number().int(),
  passwordRequired: z.boolean(),
  maxUploadBytes: z.number().int(),
  /** New names need an invite (or the password, when there is one). Always sent by this server. */
  inviteOnly: z.boolean().optional(),
});
/** What the server tells about itself. */
export type ServerInfo = z.infer<typeof ServerInfo>;

/** An invite code: 22 url-safe characters (128 bits), made by the server. */
export const InviteCode = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be an invite code');

/** An invite as owners and admins list it. */
export const Invite = z.object({
  code: InviteCode,
  /** Id of the owner or admin who made it. */
  createdBy: UserId,
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  /** How many new names it may bring in. */
  maxUses: z.number().int().positive(),
  /** How many it has brought in so far. */
  uses: z.number().int().nonnegative(),
});
/** An invite as owners and admins list it. */
export type Invite = z.infer<typeof Invite>;

import { z } from 'zod';
import { LIMITS } from './limits.js';
import { ACCESS_CLIENT_FRAMES } from './accessFrames.js';
import {
  Avatar,
  DisplayName,
  FileId,
  InviteCode,
  RoomId,
  RoomName,
  Seq,
  StatusEmoji,
  StatusText,
  Topic,
  UserId,
} from './entities.js';
import { PreferencesChange } from './preferences.js';

/** Every request carries a client-chosen id; the answer's `replyTo` echoes it. */
const RequestId = z.string().min(1).max(LIMITS.requestIdMax);
const req = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), id: RequestId, ...shape });

/** Message text: may be empty only when a file is attached (checked by the server). */
const Text = z.string().max(LIMITS.textMax, `must be at most ${LIMITS.textMax} characters`);
/** A reaction: one short emoji (or shortcode). */
const Emoji = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.emojiMax)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
  // Reactions are object keys on the wire; JSON parsers (zod included) drop this one.
  .refine((e) => e !== '__proto__', 'is not a reaction');

/** First frame of every session: identify by token, or pick a name to register. */
export const Hello = req('hello', {
  protocol: z.number().int(),
  token: z.string().min(1).max(128).optional(),
  name: DisplayName.optional(),
  avatar: Avatar.optional(),
  password: z.string().max(LIMITS.passwordMax).optional(),
  /** With `name`: sign in as the person who protected that name (personal password or sign-in code). */
  userPassword: z.string().min(1).max(LIMITS.passwordMax).optional(),
  /** An invite code: lets a new name join without the password, even when invite-only. */
  invite: InviteCode.optional(),
  /** roomId → last sequence the client holds: the server sends exactly what came after. */
  resume: z.record(RoomId, Seq).optional(),
});
/** Heartbeat a browser can send (it cannot send WebSocket pings). */
export const Ping = req('ping', {});
/** Set own presence; offline is implied when no session is connected. */
export const PresenceSet = req('presence:set', { status: z.enum(['online', 'away']) });
/** Change own name, avatar, status or do-not-disturb; `avatarImage: null` removes the picture. */
export const ProfileUpdate = req('profile:update', {
  name: DisplayName.optional(),
  avatar: Avatar.optional(),
  statusText: StatusText.optional(),
  statusEmoji: StatusEmoji.optional(),
  dnd: z.boolean().optional(),
  avatarImage: z.null().optional(),
});
/** Protect one's name with a personal password, so it can sign in again from any device. */
export const IdentityProtect = req('identity:protect', {
  password: z
    .string()
    .min(LIMITS.personalPasswordMin, `must be at least ${LIMITS.personalPasswordMin} characters`)
    .max(LIMITS.passwordMax),
});
/** Make a one-time sign-in code (shown once; replaces an earlier unused one). */
export const IdentityCode = req('identity:code', {});
/** Sign this session's device out: its token stops working (other devices stay signed in). */
export const IdentitySignOut = req('identity:signout', {});
/** Change own preferences (notification levels, sounds). */
export const PrefsSet = req('prefs:set', PreferencesChange);
/** Ask for a fresh file-access credential (before the current one expires). */
export const FilesAccess = req('files:access', {});
/** List every public room and the caller's DMs. */
export const RoomList = req('room:list', {});
/** Create a room (public, or private: visible to its members only); the creator joins it. */
export const RoomCreate = req('room:create', {
  name: RoomName,
  topic: Topic.optional(),
  private: z.boolean().optional(),
});
/** Join a public room. */
export const RoomJoin = req('room:join', { roomId: RoomId });
/** Leave a public room (DMs cannot be left). */
export const RoomLeave = req('room:leave', { roomId: RoomId });
/** Open (or get) the direct-message room with another user. */
export const DmOpen = req('dm:open', { userId: UserId });
/** Send a message. `clientId` makes resends idempotent. */
export const MessageSend = req('message:send', {
  roomId: RoomId,
  clientId: z.string().min(1).max(LIMITS.clientIdMax),
  text: Text,
  fileId: FileId.optional(),
});
/** Edit the text of one's own message. */
export const MessageEdit = req('message:edit', { roomId: RoomId, seq: Seq, text: Text });
/** Delete one's own message (it stays as a tombstone so sequences have no holes). */
export const MessageDelete = req('message:delete', { roomId: RoomId, seq: Seq });
/** Add a reaction (idempotent). */
export const ReactionAdd = req('reaction:add', { roomId: RoomId, seq: Seq, emoji: Emoji });
/** Remove a reaction (idempotent). */
export const ReactionRemove = req('reaction:remove', { roomId: RoomId, seq: Seq, emoji: Emoji });
/** Typing indicator; the server relays it to the room and forgets it. */
export const Typing = req('typing', { roomId: RoomId, typing: z.boolean() });
/** Move one's read marker forward. */
export const Read = req('read', { roomId: RoomId, seq: Seq });
/** A page of history before, after or around a sequence number (default: the newest page). */
export const History = req('history', {
  roomId: RoomId,
  before: Seq.optional(),
  after: Seq.optional(),
  around: Seq.optional(),
  limit: z.number().int().min(1).max(LIMITS.historyPageMax).optional(),
});
/** A time in ms since the epoch, for search date bounds. */
const Time = z.number().int().min(0).max(8.64e15);
/** Full-text search over the rooms the caller may read, with optional filters. */
export const Search = req('search', {
  text: z.string().max(LIMITS.searchTextMax, `must be at most ${LIMITS.searchTextMax} characters`),
  roomIds: z.array(RoomId).min(1).max(LIMITS.searchFilterMax).optional(),
  authorIds: z.array(UserId).min(1).max(LIMITS.searchFilterMax).optional(),
  hasFile: z.boolean().optional(),
  before: Time.optional(),
  after: Time.optional(),
  sort: z.enum(['newest', 'relevance']).optional(),
  offset: z.number().int().min(0).max(LIMITS.searchOffsetMax).optional(),
  limit: z.number().int().min(1).max(LIMITS.searchPageMax).optional(),
});

/**
 * A page of the user directory, sorted by name (case-insensitive): users whose name contains
 * `query`, after `cursor` (the `next` of the previous page). With `ids`, exactly those users.
 */
export const DirectoryRequest = req('directory', {
  query: z.string().trim().max(LIMITS.nameMax).optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(LIMITS.directoryPageMax).optional(),
  ids: z.array(UserId).min(1).max(LIMITS.directoryIdsMax).optional(),
});
/** Users registered or changed after directory version `since`, oldest change first. */
export const DirectoryChanges = req('directory:changes', {
  since: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(LIMITS.directoryPageMax).optional(),
});

/** Every frame a client may send. */
export const ClientFrame = z.discriminatedUnion('type', [
  Hello,
  Ping,
  PresenceSet,
  ProfileUpdate,
  IdentityProtect,
  IdentityCode,
  IdentitySignOut,
  PrefsSet,
  FilesAccess,
  RoomList,
  RoomCreate,
  RoomJoin,
  RoomLeave,
  DmOpen,
  MessageSend,
  MessageEdit,
  MessageDelete,
  ReactionAdd,
  ReactionRemove,
  Typing,
  Read,
  History,
  DirectoryRequest,
  DirectoryChanges,
  Search,
  ...ACCESS_CLIENT_FRAMES,
]);
/** Every frame a client may send. */
export type ClientFrame = z.infer<typeof ClientFrame>;
/** The client frame with the given type. */
export type ClientFrameOf<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;
/** Every client frame type. */
export const CLIENT_FRAME_TYPES = ClientFrame.options.map((o) => o.shape.type.value);

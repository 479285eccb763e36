import { z } from 'zod';
import { ACCESS_SERVER_FRAMES } from './accessFrames.js';
import { ErrorCode } from './errors.js';
import {
  DirectoryInfo,
  Message,
  PresenceStatus,
  RoomId,
  RoomSummary,
  Seq,
  ServerInfo,
  User,
  UserId,
} from './entities.js';
import { FileAccess, Preferences } from './preferences.js';

const Reply = z.string();

/** Answer to hello: who you are, the token to reconnect with, and what the first screen needs. */
export const Welcome = z.object({
  type: z.literal('welcome'),
  replyTo: Reply,
  token: z.string(),
  user: User,
  server: ServerInfo,
  rooms: z.array(RoomSummary),
  /** The users the first screen shows (DM partners, members listed in `rooms`), bounded. */
  users: z.array(User),
  /** The directory's version and size: ask `directory:changes` / `directory` for the rest. */
  directory: DirectoryInfo,
  /** The person's own settings. */
  prefs: Preferences,
  /** Whether the name is protected (personal password set): signing out then keeps it. */
  protected: z.boolean(),
  /** Credential for file links; renew with files:access before it expires. */
  files: FileAccess,
});
/** A request failed; `replyTo` names it when the failure belongs to a request. */
export const ErrorFrame = z.object({
  type: z.literal('error'),
  replyTo: Reply.optional(),
  code: ErrorCode,
  message: z.string(),
});
/** Generic success for requests that return nothing else. */
export const Ok = z.object({ type: z.literal('ok'), replyTo: Reply });
/** Answer to ping. */
export const Pong = z.object({ type: z.literal('pong'), replyTo: Reply });
/** Answer to room:list. */
export const RoomListResult = z.object({
  type: z.literal('room:list'),
  replyTo: Reply,
  rooms: z.array(RoomSummary),
});
/** You are now in this room (after join, create, dm:open, or another user opening a DM with you). */
export const RoomJoined = z.object({
  type: z.literal('room:joined'),
  replyTo: Reply.optional(),
  room: RoomSummary,
});
/** You left this room (on any of your sessions). */
export const RoomLeft = z.object({
  type: z.literal('room:left'),
  replyTo: Reply.optional(),
  roomId: RoomId,
});
/** A public room was created or changed (broadcast to everyone). */
export const RoomUpdated = z.object({ type: z.literal('room:updated'), room: RoomSummary });
/** Membership of a room you are in changed. */
export const MemberChanged = z.object({
  type: z.literal('member:changed'),
  roomId: RoomId,
  userId: UserId,
  joined: z.boolean(),
});
/** Your message is persisted; it carries the server's sequence number and time. */
export const MessageAck = z.object({
  type: z.literal('message:ack'),
  replyTo: Reply,
  roomId: RoomId,
  clientId: z.string(),
  seq: Seq,
  ts: z.number().int(),
});
/** A new message in a room you are in (also sent to the author's sessions). */
export const MessageNew = z.object({ type: z.literal('message:new'), message: Message });
/** A message was edited, deleted or reacted to; replaces the old copy. */
export const MessageUpdated = z.object({ type: z.literal('message:updated'), message: Message });
/** Someone started or stopped typing. */
export const TypingEvent = z.object({
  type: z.literal('typing'),
  roomId: RoomId,
  userId: UserId,
  typing: z.boolean(),
});
/** Your read marker moved (sent to all your sessions so unread counts agree). */
export const ReadEvent = z.object({ type: z.literal('read'), roomId: RoomId, seq: Seq });
/** A page of history. Messages are in ascending sequence order. */
export const HistoryResult = z.object({
  type: z.literal('history'),
  replyTo: Reply,
  roomId: RoomId,
  messages: z.array(Message),
  hasMore: z.boolean(),
  /** Only for `around`: newer messages exist after this page. */
  hasNewer: z.boolean().optional(),
});
/** One search hit: the message as it is now and the indexed words that matched it. */
export const SearchHit = z.object({ message: Message, terms: z.array(z.string()) });
/** A page of search hits, best or newest first. */
export const SearchResult = z.object({
  type: z.literal('search'),
  replyTo: Reply,
  hits: z.array(SearchHit),
  /** Hits in all, over every page. */
  total: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
/** Part of a resume: missed messages in order; `done` on the last batch of a room. */
export const Sync = z.object({
  type: z.literal('sync'),
  roomId: RoomId,
  messages: z.array(Message),
  done: z.boolean(),
});
/** A user's presence changed. */
export const Presence = z.object({
  type: z.literal('presence'),
  userId: UserId,
  status: PresenceStatus,
});
/**
 * A user registered or changed their profile (name, avatar, picture, status, do-not-disturb);
 * `version` is the directory version of the change.
 */
export const UserUpdated = z.object({
  type: z.literal('user:updated'),
  user: User,
  version: z.number().int().nonnegative(),
});
/** Answer to `directory`: a page of users; `next` is the cursor of the following page. */
export const DirectoryPage = z.object({
  type: z.literal('directory'),
  replyTo: Reply,
  version: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  users: z.array(User),
  next: z.string().optional(),
});
/**
 * Answer to `directory:changes`: users changed after `since` up to version `upTo`, oldest change
 * first; `more` when later changes remain (ask again with `since: upTo`). `reset` when `since`
 * is not a version of this server's directory: drop the cached copy, this starts from 0.
 */
export const DirectoryChangesResult = z.object({
  type: z.literal('directory:changes'),
  replyTo: Reply,
  version: z.number().int().nonnegative(),
  users: z.array(User),
  upTo: z.number().int().nonnegative(),
  more: z.boolean(),
  reset: z.boolean(),
});
/** Your preferences changed (sent to all your sessions). */
export const PrefsEvent = z.object({ type: z.literal('prefs'), prefs: Preferences });
/** Whether your name is protected changed (sent to all your sessions). */
export const IdentityEvent = z.object({ type: z.literal('identity'), protected: z.boolean() });
/** Answer to identity:code: the one-time sign-in code; the server keeps only its hash. */
export const IdentityCodeResult = z.object({
  type: z.literal('identity:code'),
  replyTo: Reply,
  code: z.string(),
});
/** Answer to files:access. */
export const FilesAccessResult = FileAccess.extend({
  type: z.literal('files:access'),
  replyTo: Reply,
});

/** Every frame the server may send. A WebSocket message holds one frame or an array of frames. */
export const ServerFrame = z.discriminatedUnion('type', [
  Welcome,
  ErrorFrame,
  Ok,
  Pong,
  RoomListResult,
  RoomJoined,
  RoomLeft,
  RoomUpdated,
  MemberChanged,
  MessageAck,
  MessageNew,
  MessageUpdated,
  TypingEvent,
  ReadEvent,
  HistoryResult,
  SearchResult,
  Sync,
  Presence,
  UserUpdated,
  DirectoryPage,
  DirectoryChangesResult,
  PrefsEvent,
  IdentityEvent,
  IdentityCodeResult,
  FilesAccessResult,
  ...ACCESS_SERVER_FRAMES,
]);
/** Every frame the server may send. */
export type ServerFrame = z.infer<typeof ServerFrame>;
/** The server frame with the given type. */
export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

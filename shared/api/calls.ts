/**
 * Every ChatApi action as a zod schema of its arguments. The IPC handlers validate renderer
 * calls with these; the in-tab engine validates with the same schemas, so both paths refuse
 * the same bad input with the same error.
 */
import { z } from 'zod';
import type { User } from '../protocol/entities.js';
import { LIMITS } from '../protocol/limits.js';
import type { Message } from '../protocol/entities.js';
import {
  Avatar,
  DisplayName,
  FileInfo,
  type Invite,
  InviteCode,
  RoomId,
  RoomName,
  Seq,
  StatusEmoji,
  StatusText,
  Topic,
  UserId,
} from '../protocol/entities.js';
import { PreferencesChange } from '../protocol/preferences.js';
import type { DesktopSettings, IdentityToConfirm } from './chatApi.js';
import { Fingerprint } from '../protocol/trust.js';

const ServerRef = z.string().min(1).max(64);
const Text = z.string().max(LIMITS.textMax, `must be at most ${LIMITS.textMax} characters`);
const Emoji = z.string().trim().min(1).max(LIMITS.emojiMax);
const inRoom = { serverId: ServerRef, roomId: RoomId };

/** A server address as a person types it: host, host:port or a full http(s) URL. */
export const ServerAddress = z.string().trim().min(1, 'must not be empty').max(2048);

/** Argument schemas of every action. */
export const CHAT_CALLS = {
  /** Adds a server by address; resolves with its local id. */
  addServer: z.strictObject({ address: ServerAddress }),
  /**
   * Joins a server: with `fingerprint` (an invite link) its certificate is pinned at once;
   * without, the desktop answers `{confirm}` with the fingerprint as words, and the UI calls
   * join again with that fingerprint once the user said they match the host's screen.
   */
  join: z.strictObject({
    url: ServerAddress,
    fingerprint: Fingerprint.optional(),
    inviteCode: z.string().trim().min(1).max(128).optional(),
  }),
  /** Forgets a server (and its stored identity). */
  removeServer: z.strictObject({ serverId: ServerRef }),
  /** Picks a name on a server without an identity yet (and the password when it has one). */
  signIn: z.strictObject({
    serverId: ServerRef,
    name: DisplayName,
    password: z.string().max(LIMITS.passwordMax).optional(),
    avatar: Avatar.optional(),
    /** Sign in as the person who protected this name: their personal password or sign-in code. */
    userPassword: z.string().min(1).max(LIMITS.passwordMax).optional(),
    /** An invite code (from an invite link): no password needed. */
    invite: InviteCode.optional(),
  }),
  /** Signs out of one server: forgets the token on this device. */
  signOut: z.strictObject({ serverId: ServerRef }),
  /** Protects the name with a personal password, so it can sign in again from any device. */
  protectName: z.strictObject({
    serverId: ServerRef,
    password: z
      .string()
      .min(LIMITS.personalPasswordMin, `must be at least ${LIMITS.personalPasswordMin} characters`)
      .max(LIMITS.passwordMax),
  }),
  /** Makes a one-time sign-in code (shown once). */
  makeSignInCode: z.strictObject({ serverId: ServerRef }),
  /** Changes one's profile: name, avatar colour/emoji, status, do-not-disturb, removes the picture. */
  updateProfile: z.strictObject({
    serverId: ServerRef,
    name: DisplayName.optional(),
    avatar: Avatar.optional(),
    statusText: StatusText.optional(),
    statusEmoji: StatusEmoji.optional(),
    dnd: z.boolean().optional(),
    avatarImage: z.null().optional(),
  }),
  /** Sets one's profile picture: PNG, JPEG or WebP bytes (the UI sends a 256×256 crop). */
  setAvatarImage: z.strictObject({
    serverId: ServerRef,
    image: z
      .instanceof(Uint8Array)
      .refine((b) => b.byteLength > 0, 'must not be empty')
      .refine(
        (b) => b.byteLength <= LIMITS.avatarBytesMax,
        `must be at most ${LIMITS.avatarBytesMax} bytes`,
      ),
    type: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  }),
  /** Changes one's preferences on that server (notification levels, sounds). */
  setPrefs: z.strictObject({ serverId: ServerRef, ...PreferencesChange }),
  /** Desktop app only: launch at login, close to tray, downloads folder. */
  getDesktopSettings: z.strictObject({}),
  /** Desktop app only: changes settings; `defaultDownloads` goes back to the system folder. */
  setDesktopSettings: z.strictObject({
    launchAtLogin: z.boolean().optional(),
    closeToTray: z.boolean().optional(),
    defaultDownloads: z.literal(true).optional(),
  }),
  /** Desktop app only: picks the downloads folder with the system's dialog (never a path from the page). */
  chooseDownloadsFolder: z.strictObject({}),
  /** Starts the embedded server (desktop) and adds it to the sidebar. */
  host: z.strictObject({
    name: RoomName,
    port: z.number().int().min(0).max(65535),
    password: z.string().max(LIMITS.passwordMax).optional(),
  }),
  /** Stops the embedded server. */
  stopHosting: z.strictObject({}),
  sendMessage: z.strictObject({ ...inRoom, text: Text }),
  retryMessage: z.strictObject({ ...inRoom, clientId: z.string().min(1).max(LIMITS.clientIdMax) }),
  discardMessage: z.strictObject({
    ...inRoom,
    clientId: z.string().min(1).max(LIMITS.clientIdMax),
  }),
  editMessage: z.strictObject({ ...inRoom, seq: Seq, text: Text }),
  deleteMessage: z.strictObject({ ...inRoom, seq: Seq }),
  react: z.strictObject({ ...inRoom, seq: Seq, emoji: Emoji, on: z.boolean() }),
  setTyping: z.strictObject({ ...inRoom, typing: z.boolean() }),
  markRead: z.strictObject({ ...inRoom, seq: Seq }),
  loadOlder: z.strictObject(inRoom),
  /** Loads the page after the newest loaded message (after a jump into history). */
  loadNewer: z.strictObject(inRoom),
  /** Loads the history around one message, to show it (a search hit, a pin, a quote). */
  openAt: z.strictObject({ ...inRoom, seq: Seq }),
  /** Searches the server: words and filters (in:#room, from:@name, has:file, before:, after:). */
  search: z.strictObject({
    serverId: ServerRef,
    query: z.string().trim().min(1, 'type something to search for').max(300),
    sort: z.enum(['relevance', 'newest']).optional(),
    offset: z.number().int().min(0).max(LIMITS.searchOffsetMax).optional(),
    limit: z.number().int().min(1).max(LIMITS.searchPageMax).optional(),
  }),
  createRoom: z.strictObject({
    serverId: ServerRef,
    name: RoomName,
    topic: Topic.optional(),
    private: z.boolean().optional(),
  }),
  /** Adds someone to a room the user is in (the way into a private room). */
  addMember: z.strictObject({ ...inRoom, userId: UserId }),
  /** Owners and admins: a new invite (default single use, 7 days). */
  createInvite: z.strictObject({
    serverId: ServerRef,
    maxUses: z.number().int().min(1).max(LIMITS.inviteUsesMax).optional(),
    expiresInMs: z.number().int().min(60_000).max(LIMITS.inviteLifeMaxMs).optional(),
  }),
  /** Owners and admins: the invites that can still be used. */
  listInvites: z.strictObject({ serverId: ServerRef }),
  /** Owners and admins: ends an invite. */
  revokeInvite: z.strictObject({ serverId: ServerRef, code: InviteCode }),
  /** Owners and admins: invite-only mode on or off. */
  setInviteOnly: z.strictObject({ serverId: ServerRef, inviteOnly: z.boolean() }),
  /** Owners and admins: ends someone's sessions. */
  kickUser: z.strictObject({ serverId: ServerRef, userId: UserId }),
  /** Owners and admins: revokes someone's sessions and keeps the name out. */
  banUser: z.strictObject({ serverId: ServerRef, userId: UserId }),
  /** Owners and admins: makes someone an admin or a member. */
  setRole: z.strictObject({
    serverId: ServerRef,
    userId: UserId,
    role: z.enum(['admin', 'member']),
  }),
  /** Ends every other session of the user on this server (this device gets a new token). */
  signOutEverywhere: z.strictObject({ serverId: ServerRef }),
  joinRoom: z.strictObject(inRoom),
  leaveRoom: z.strictObject(inRoom),
  openDm: z.strictObject({ serverId: ServerRef, userId: UserId }),
  /** A page of the server's people by name; `query` keeps those whose name contains it. */
  searchUsers: z.strictObject({
    serverId: ServerRef,
    query: z.string().trim().max(LIMITS.nameMax),
    cursor: z.string().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(LIMITS.directoryPageMax).optional(),
  }),
  setMuted: z.strictObject({ ...inRoom, muted: z.boolean() }),
  setPresence: z.strictObject({ serverId: ServerRef, status: z.enum(['online', 'away']) }),
  /** What the user is looking at, for notification and read decisions. */
  setView: z.strictObject({
    serverId: ServerRef.optional(),
    roomId: RoomId.optional(),
    focused: z.boolean(),
    visible: z.boolean(),
  }),
  download: z.strictObject({ serverId: ServerRef, roomId: RoomId, file: FileInfo }),
  cancelTransfer: z.strictObject({ transferId: z.string().min(1).max(64) }),
  dismissTransfer: z.strictObject({ transferId: z.string().min(1).max(64) }),
} as const;

/** Where `upload` puts a file, and the text shared with it. */
export const UploadTarget = z.strictObject({ ...inRoom, text: Text.optional() });

/** Validates upload's target like any call's arguments. */
export function parseUploadTarget(target: unknown): z.output<typeof UploadTarget> {
  const result = UploadTarget.safeParse(target);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ChatApiError('invalid', `upload: ${where}${issue?.message ?? 'invalid target'}`);
}

/** Name of one ChatApi action. */
export type ChatCallName = keyof typeof CHAT_CALLS;
/** Arguments of one action. */
export type ChatCallArgs<N extends ChatCallName> = z.input<(typeof CHAT_CALLS)[N]>;

/** A page of people from `searchUsers`. */
export interface UserPage {
  users: User[];
  /** Cursor of the next page; absent on the last one. */
  next?: string;
  /** People on the server. */
  total: number;
}

/** Results of the actions that return something (the rest resolve with nothing). */
interface Results {
  addServer: { serverId: string };
  join:
    | { serverId: string; confirm?: undefined }
    | { confirm: IdentityToConfirm; serverId?: undefined };
  host: { serverId: string };
  createRoom: { roomId: string };
  openDm: { roomId: string };
  searchUsers: UserPage;
  sendMessage: { clientId: string };
  download: { transferId: string };
  makeSignInCode: { code: string };
  getDesktopSettings: DesktopSettings;
  setDesktopSettings: DesktopSettings;
  chooseDownloadsFolder: DesktopSettings;
  search: SearchPage;
  createInvite: { invite: Invite };
  listInvites: { invites: Invite[] };
}

/** One page of search hits. */
export interface SearchPage {
  hits: SearchHit[];
  total: number;
  hasMore: boolean;
}
/** A message found, and the indexed words that matched it (for highlighting). */
export interface SearchHit {
  message: Message;
  terms: string[];
}
/** Result of one action. */
export type ChatCallResult<N extends ChatCallName> = N extends keyof Results ? Results[N] : void;

/** Whether a string names an action. */
export function isChatCallName(name: unknown): name is ChatCallName {
  return typeof name === 'string' && Object.hasOwn(CHAT_CALLS, name);
}

/** Validates an action's arguments; throws an error with a readable message when they are bad. */
export function parseCallArgs<N extends ChatCallName>(
  name: N,
  args: unknown,
): z.output<(typeof CHAT_CALLS)[N]> {
  const result = CHAT_CALLS[name].safeParse(args);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ChatApiError('invalid', `${name}: ${where}${issue?.message ?? 'invalid arguments'}`);
  }
  return result.data as z.output<(typeof CHAT_CALLS)[N]>;
}

/** An action failed; `code` is a protocol error code or a client-side one. */
export class ChatApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChatApiError';
  }
}

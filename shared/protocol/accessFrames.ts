/**
 * Frames of access control: invites, the invite-only switch, roles, kick and ban, "sign out
 * everywhere" and adding people to private rooms. Part of the client and server frame unions.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { Invite, InviteCode, RoomId, ServerInfo, UserId } from './entities.js';

const RequestId = z.string().min(1).max(LIMITS.requestIdMax);
const req = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), id: RequestId, ...shape });

/** Owners and admins: make an invite (default one use, valid 7 days). */
export const InviteCreate = req('invite:create', {
  maxUses: z.number().int().min(1).max(LIMITS.inviteUsesMax).optional(),
  /** How long it stays valid, in ms from now. */
  expiresInMs: z.number().int().min(60_000).max(LIMITS.inviteLifeMaxMs).optional(),
});
/** Owners and admins: the invites that can still be used. */
export const InviteList = req('invite:list', {});
/** Owners and admins: end an invite at once. */
export const InviteRevoke = req('invite:revoke', { code: InviteCode });
/** Owners and admins: switch invite-only mode (new names need an invite or the password). */
export const ServerSettings = req('server:settings', { inviteOnly: z.boolean() });
/** Owners and admins: end every session of a user (they may come back with their token). */
export const UserKick = req('user:kick', { userId: UserId });
/** Owners and admins: revoke every token of a user and keep the name out for good. */
export const UserBan = req('user:ban', { userId: UserId });
/** Owners and admins: make someone an admin or a member again (never owner). */
export const UserRole = req('user:role', {
  userId: UserId,
  role: z.enum(['admin', 'member']),
});
/** "Sign out everywhere": revokes every token of the caller; this session gets a fresh one. */
export const SessionsRevoke = req('sessions:revoke', {});
/** A member of a room adds someone to it (the way into a private room). */
export const RoomAdd = req('room:add', { roomId: RoomId, userId: UserId });

/** Access-control frames a client may send. */
export const ACCESS_CLIENT_FRAMES = [
  InviteCreate,
  InviteList,
  InviteRevoke,
  ServerSettings,
  UserKick,
  UserBan,
  UserRole,
  SessionsRevoke,
  RoomAdd,
] as const;

/** Answer to invite:create: the new invite with its code. */
export const InviteCreated = z.object({
  type: z.literal('invite:created'),
  replyTo: z.string(),
  invite: Invite,
});
/** Answer to invite:list: invites not revoked, not expired and not used up, newest first. */
export const InviteListResult = z.object({
  type: z.literal('invite:list'),
  replyTo: z.string(),
  invites: z.array(Invite),
});
/** Answer to sessions:revoke: the asking session's new token (every other one is revoked). */
export const SessionsRevoked = z.object({
  type: z.literal('sessions:revoked'),
  replyTo: z.string(),
  token: z.string(),
});
/** The server's settings changed (invite-only switched); sent to every session. */
export const ServerUpdated = z.object({ type: z.literal('server:updated'), server: ServerInfo });

/** Access-control frames the server may send. */
export const ACCESS_SERVER_FRAMES = [
  InviteCreated,
  InviteListResult,
  SessionsRevoked,
  ServerUpdated,
] as const;

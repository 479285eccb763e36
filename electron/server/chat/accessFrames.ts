import {
  CLOSE_REASONS,
  ParleyError,
  type ClientFrame,
  type ServerInfo,
} from '../../../shared/protocol/index.js';
import type { Connection } from '../hub/connection.js';
import type { Hub } from '../hub/hub.js';
import type { Directory } from './directory.js';
import type { Invites } from './invites.js';
import type { Moderation } from './moderation.js';
import type { Rooms } from './rooms.js';

/** Types of the access-control frames this module answers. */
const ACCESS_TYPES = new Set([
  'invite:create',
  'invite:list',
  'invite:revoke',
  'server:settings',
  'user:kick',
  'user:ban',
  'user:role',
  'sessions:revoke',
  'room:add',
]);

/** What the access-control frames need. */
export interface AccessFrameDeps {
  hub: Hub;
  directory: Directory;
  rooms: Rooms;
  invites: Invites;
  moderation: Moderation;
  info: () => ServerInfo;
}

/** Answers invite, settings, moderation, sign-out-everywhere and room:add frames. */
export class AccessFrames {
  constructor(private readonly d: AccessFrameDeps) {}

  /** Whether a frame is one of these. */
  handles(f: ClientFrame): boolean {
    return ACCESS_TYPES.has(f.type);
  }

  /** Runs one frame for an authenticated user. */
  async handle(conn: Connection, userId: string, f: ClientFrame): Promise<void> {
    const { invites, moderation, hub, rooms, directory } = this.d;
    const ok = () => conn.send({ type: 'ok', replyTo: f.id });
    switch (f.type) {
      case 'invite:create': {
        moderation.requireStaff(userId);
        const invite = await invites.create(userId, f.maxUses, f.expiresInMs);
        return conn.send({ type: 'invite:created', replyTo: f.id, invite });
      }
      case 'invite:list':
        moderation.requireStaff(userId);
        return conn.send({ type: 'invite:list', replyTo: f.id, invites: invites.list() });
      case 'invite:revoke':
        moderation.requireStaff(userId);
        await invites.revoke(f.code);
        return ok();
      case 'server:settings':
        moderation.requireStaff(userId);
        if (invites.inviteOnly === f.inviteOnly) return ok();
        await invites.setInviteOnly(f.inviteOnly);
        ok();
        return hub.toEveryone({ type: 'server:updated', server: this.d.info() });
      case 'user:kick':
        moderation.kick(userId, f.userId);
        return ok();
      case 'user:ban':
        await moderation.ban(userId, f.userId);
        return ok();
      case 'user:role':
        await moderation.setRole(userId, f.userId, f.role);
        return ok();
      case 'sessions:revoke': {
        const token = await moderation.revokeSessions(userId);
        conn.send({ type: 'sessions:revoked', replyTo: f.id, token });
        return hub.closeUser(userId, CLOSE_REASONS.signedOutEverywhere, conn);
      }
      case 'room:add': {
        const room = rooms.requireMember(userId, f.roomId);
        if (room.kind !== 'room')
          throw new ParleyError('forbidden', 'Direct messages have fixed members.');
        const target = directory.get(f.userId);
        if (!target || target.bannedAt !== undefined)
          throw new ParleyError('not_found', 'No such user.');
        const added = await rooms.join(target.id, room);
        ok();
        if (!added) return;
        hub.toUsers([target.id], { type: 'room:joined', room: rooms.summary(target.id, room) });
        return hub.toUsers(rooms.members(room.id), {
          type: 'member:changed',
          roomId: room.id,
          userId: target.id,
          joined: true,
        });
      }
      default:
        throw new ParleyError('unknown_type', `unknown frame type ${f.type}`);
    }
  }
}

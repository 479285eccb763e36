/** The access-control actions of one server: invites, moderation, sign out everywhere, room:add. */
import { ChatApiError } from '../api/calls.js';
import type { Handlers } from './chatClient.js';
import type { ServerClient } from './serverClient.js';

type AccessActionName =
  | 'addMember'
  | 'createInvite'
  | 'listInvites'
  | 'revokeInvite'
  | 'setInviteOnly'
  | 'kickUser'
  | 'banUser'
  | 'setRole'
  | 'signOutEverywhere';

/** Handlers for the access-control actions; `online` gives a connected server or throws. */
export function accessActions(ctx: {
  online(serverId: string): ServerClient;
  persist(): Promise<void>;
}): Pick<Handlers, AccessActionName> {
  const { online } = ctx;
  return {
    async addMember({ serverId, roomId, userId }) {
      await online(serverId).request({ type: 'room:add', roomId, userId });
    },
    async createInvite({ serverId, maxUses, expiresInMs }) {
      const f = await online(serverId).request({
        type: 'invite:create',
        ...(maxUses !== undefined ? { maxUses } : {}),
        ...(expiresInMs !== undefined ? { expiresInMs } : {}),
      });
      if (f.type !== 'invite:created') throw new ChatApiError('internal', 'unexpected answer');
      return { invite: f.invite };
    },
    async listInvites({ serverId }) {
      const f = await online(serverId).request({ type: 'invite:list' });
      if (f.type !== 'invite:list') throw new ChatApiError('internal', 'unexpected answer');
      return { invites: f.invites };
    },
    async revokeInvite({ serverId, code }) {
      await online(serverId).request({ type: 'invite:revoke', code });
    },
    async setInviteOnly({ serverId, inviteOnly }) {
      await online(serverId).request({ type: 'server:settings', inviteOnly });
    },
    async kickUser({ serverId, userId }) {
      await online(serverId).request({ type: 'user:kick', userId });
    },
    async banUser({ serverId, userId }) {
      await online(serverId).request({ type: 'user:ban', userId });
    },
    async setRole({ serverId, userId, role }) {
      await online(serverId).request({ type: 'user:role', userId, role });
    },
    async signOutEverywhere({ serverId }) {
      const s = online(serverId);
      const f = await s.request({ type: 'sessions:revoke' });
      if (f.type !== 'sessions:revoked') throw new ChatApiError('internal', 'unexpected answer');
      // Every earlier token is dead, this device's too: keep the new one or lose the name.
      s.stored.token = f.token;
      await ctx.persist();
    },
  };
}

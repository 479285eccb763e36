/** The actions on oneself: profile, picture, preferences, and protecting one's name. */
import { ChatApiError } from '../api/calls.js';
import type { Handlers } from './chatClient.js';
import type { ChatClientDeps } from './deps.js';
import type { ServerClient } from './serverClient.js';

/** What these actions need from the engine. */
export interface ProfileActionContext {
  /** The server, or a readable "not connected" error. */
  online(serverId: string): ServerClient;
  deps: ChatClientDeps;
  changed(): void;
}

type ProfileActionName =
  | 'getDesktopSettings'
  | 'setDesktopSettings'
  | 'chooseDownloadsFolder'
  | 'protectName'
  | 'makeSignInCode'
  | 'updateProfile'
  | 'setAvatarImage'
  | 'setPrefs';

/** Handlers for the profile, preference and identity actions. */
export function profileActions(ctx: ProfileActionContext): Pick<Handlers, ProfileActionName> {
  const { online, deps } = ctx;
  const desktopOnly = async (): Promise<never> => {
    throw new ChatApiError('unsupported', 'Only the desktop app has these settings.');
  };
  return {
    getDesktopSettings: desktopOnly,
    setDesktopSettings: desktopOnly,
    chooseDownloadsFolder: desktopOnly,
    async protectName({ serverId, password }) {
      const s = online(serverId);
      await s.request({ type: 'identity:protect', password });
      s.protected = true;
      ctx.changed();
    },
    async makeSignInCode({ serverId }) {
      const reply = await online(serverId).request({ type: 'identity:code' });
      if (reply.type !== 'identity:code')
        throw new ChatApiError('internal', 'The server sent no sign-in code.');
      return { code: reply.code };
    },
    async updateProfile({ serverId, ...change }) {
      await online(serverId).request({ type: 'profile:update', ...change });
    },
    async setAvatarImage({ serverId, image, type }) {
      const s = online(serverId);
      const token = s.stored.token;
      if (!token) throw new ChatApiError('unauthorized', 'Sign in first.');
      const user = await deps.http.postAvatar({
        url: new URL('/api/avatar', s.stored.url).href,
        token,
        bytes: image,
        type,
        ...(s.stored.fingerprint ? { fingerprint: s.stored.fingerprint } : {}),
      });
      // Everyone, this client included, also hears user:updated with the new picture.
      if (s.me?.id === user.id) s.me = user;
      ctx.changed();
    },
    async setPrefs({ serverId, ...change }) {
      const s = online(serverId);
      await s.request({ type: 'prefs:set', ...change });
      // The server's `prefs` event brings the merged result; until then show the change.
      const rooms = { ...s.prefs.rooms };
      for (const [roomId, level] of Object.entries(change.rooms ?? {})) {
        if (level === null) delete rooms[roomId];
        else rooms[roomId] = level;
      }
      s.prefs = {
        notify: change.notify ?? s.prefs.notify,
        sounds: change.sounds ?? s.prefs.sounds,
        rooms,
      };
      ctx.changed();
    },
  };
}

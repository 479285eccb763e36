/** Search and jumping to a message: the search box's language becomes a `search` frame. */
import { ChatApiError, type SearchPage } from '../api/calls.js';
import type { Handlers } from './chatClient.js';
import type { RoomActionContext } from './roomActions.js';
import { parseSearch, startOfDay, startOfNextDay } from './searchQuery.js';
import type { ServerClient } from './serverClient.js';

const key = (name: string) => name.normalize('NFKC').toLowerCase();

function userId(s: ServerClient, name: string): string {
  const found = [...s.users.values()].find((u) => key(u.name) === key(name));
  if (!found) throw new ChatApiError('invalid', `Nobody here is called @${name}.`);
  return found.id;
}

function roomIds(s: ServerClient, rooms: string[], dms: string[]): string[] {
  const ids = rooms.map((name) => {
    const r = [...s.rooms.values()].find((x) => x.kind === 'room' && key(x.name) === key(name));
    if (!r) throw new ChatApiError('invalid', `There is no room #${name}.`);
    return r.id;
  });
  for (const name of dms) {
    const other = userId(s, name);
    const me = s.me?.id;
    const dm = [...s.rooms.values()].find(
      (x) =>
        x.kind === 'dm' &&
        x.members.includes(other) &&
        (other === me ? x.members.length === 1 : x.members.includes(me ?? '')),
    );
    if (!dm) throw new ChatApiError('invalid', `You have no conversation with @${name}.`);
    ids.push(dm.id);
  }
  return ids;
}

/** Handlers for search, openAt and loadNewer. */
export function searchActions(
  ctx: Pick<RoomActionContext, 'server' | 'online'>,
): Pick<Handlers, 'search' | 'openAt' | 'loadNewer'> {
  return {
    async search({ serverId, query, sort, offset, limit }): Promise<SearchPage> {
      const s = ctx.online(serverId);
      let q;
      try {
        q = parseSearch(query);
      } catch (err) {
        throw new ChatApiError('invalid', (err as Error).message);
      }
      const rooms = roomIds(s, q.inRooms, q.inDms);
      const authors = q.from.map((n) => userId(s, n));
      const f = await s.request({
        type: 'search',
        text: q.words.join(' ').slice(0, 200),
        ...(rooms.length ? { roomIds: rooms.slice(0, 20) } : {}),
        ...(authors.length ? { authorIds: authors.slice(0, 20) } : {}),
        ...(q.hasFile ? { hasFile: true } : {}),
        ...(q.before ? { before: startOfDay(q.before) } : {}),
        // "after:" a day means after that day, as in other chat apps.
        ...(q.after ? { after: startOfNextDay(q.after) } : {}),
        ...(sort ? { sort } : {}),
        ...(offset !== undefined ? { offset } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
      if (f.type !== 'search') throw new ChatApiError('internal', 'unexpected answer to search');
      return { hits: f.hits, total: f.total, hasMore: f.hasMore };
    },
    async openAt({ serverId, roomId, seq }) {
      await ctx.online(serverId).jump(roomId, seq);
    },
    async loadNewer({ serverId, roomId }) {
      await ctx.server(serverId).loadNewer(roomId);
    },
  };
}

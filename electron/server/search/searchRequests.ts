import {
  LIMITS,
  ParleyError,
  type ClientFrameOf,
  type ServerFrameOf,
} from '../../../shared/protocol/index.js';
import type { Rooms } from '../chat/rooms.js';
import type { Store } from '../store/store.js';
import type { SearchService } from './searchService.js';

type SearchReply = Omit<ServerFrameOf<'search'>, 'type' | 'replyTo'>;

/**
 * Answers a `search` frame. Privacy lives here: the worker is only ever asked about rooms the
 * searcher may read now (Rooms.requireReadable / canRead), so who may read what has one
 * definition. Without `roomIds` the search covers the rooms and DMs the user is a member of;
 * naming a room searches it if the user may read it (a public room they left, say).
 */
export async function answerSearch(
  deps: { rooms: Rooms; store: Store; search: SearchService },
  userId: string,
  f: ClientFrameOf<'search'>,
): Promise<SearchReply> {
  const { rooms, store, search } = deps;
  const text = f.text.trim();
  if (text === '' && !f.roomIds && !f.authorIds && !f.hasFile && !f.before && !f.after)
    throw new ParleyError('invalid', 'search: give words to look for, or a filter');
  if (f.before !== undefined && f.after !== undefined && f.after >= f.before)
    throw new ParleyError('invalid', 'search: "after" must be earlier than "before"');
  const scope = f.roomIds
    ? f.roomIds.map((id) => rooms.requireReadable(userId, id).id)
    : rooms
        .visibleTo(userId)
        .filter((r) => rooms.isMember(userId, r.id))
        .map((r) => r.id);
  const offset = f.offset ?? 0;
  const limit = f.limit ?? LIMITS.searchPageDefault;
  const page = await search.search({
    text,
    rooms: scope,
    ...(f.authorIds ? { authors: f.authorIds } : {}),
    ...(f.hasFile ? { hasFile: true } : {}),
    ...(f.before !== undefined ? { before: f.before } : {}),
    ...(f.after !== undefined ? { after: f.after } : {}),
    sort: f.sort ?? (text ? 'relevance' : 'newest'),
    offset,
    limit,
  });
  const hits: SearchReply['hits'] = [];
  for (const h of page.hits) {
    // The log is the truth: the message as it is now (the index follows it a moment behind).
    const message = await store.messages.get(h.roomId, h.seq);
    if (message && !message.deleted) hits.push({ message, terms: h.terms });
  }
  return { hits, total: page.total, hasMore: offset + page.hits.length < page.total };
}

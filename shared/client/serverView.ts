import { fingerprintWords } from '../protocol/index.js';
import { isPrivateUrl } from './joinServer.js';
/** How one server's state is drawn in the sidebar: joined rooms with counts, other rooms, people. */
import type { ConnectionStatus, RoomView, ServerView } from '../api/chatApi.js';
import type { FileAccess, Preferences, RoomSummary, ServerInfo, User } from '../protocol/index.js';
import type { StoredServer } from './deps.js';

/** Everything a server view is drawn from. */
export interface ServerViewSource {
  stored: StoredServer;
  status: ConnectionStatus;
  error: { code: string; message: string } | undefined;
  info: ServerInfo | undefined;
  me: User | undefined;
  rooms: ReadonlyMap<string, RoomSummary>;
  users: ReadonlyMap<string, User>;
  /** People on the server, as the directory last said. */
  userCount: number;
  typing: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  mentionSeqs: ReadonlyMap<string, readonly number[]>;
  prefs: Preferences;
  protected: boolean;
  fileAccess: FileAccess | undefined;
}

/** A room's display name: DMs are named after the other person. */
export function roomName(
  room: RoomSummary,
  me: User | undefined,
  users: ReadonlyMap<string, User>,
): string {
  if (room.kind === 'room') return room.name;
  const other = room.members.find((m) => m !== me?.id);
  return other ? (users.get(other)?.name ?? 'Someone') : `${me?.name ?? 'You'} (you)`;
}

/** Builds the sidebar view of one server. */
export function buildServerView(src: ServerViewSource): ServerView {
  const joined: RoomView[] = [];
  const others: RoomSummary[] = [];
  for (const room of src.rooms.values()) {
    if (!room.joined) {
      if (room.kind === 'room') others.push(room);
      continue;
    }
    const unread = Math.max(0, room.lastSeq - room.readSeq);
    const mentions =
      room.kind === 'dm'
        ? unread
        : (src.mentionSeqs.get(room.id) ?? []).filter((s) => s > room.readSeq).length;
    const other = room.kind === 'dm' ? room.members.find((m) => m !== src.me?.id) : undefined;
    joined.push({
      ...room,
      name: roomName(room, src.me, src.users),
      ...(other ? { dmUserId: other } : {}),
      unread,
      mentions,
      muted: src.stored.muted.includes(room.id),
      typing: [...(src.typing.get(room.id)?.keys() ?? [])],
    });
  }
  joined.sort((a, b) =>
    a.kind !== b.kind ? (a.kind === 'room' ? -1 : 1) : a.name.localeCompare(b.name),
  );
  others.sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: src.stored.id,
    url: src.stored.url,
    name: src.info?.name ?? src.stored.name,
    status: src.status,
    ...(src.error ? { error: src.error } : {}),
    ...(src.info ? { info: src.info } : {}),
    ...(src.me ? { me: src.me } : {}),
    ...(src.fileAccess && src.stored.token ? { fileAccess: src.fileAccess } : {}),
    prefs: src.prefs,
    protected: src.protected,
    rooms: joined,
    otherRooms: others,
    users: [...src.users.values()].sort((a, b) => a.name.localeCompare(b.name)),
    userCount: Math.max(src.userCount, src.users.size),
    hosted: src.stored.hosted === true,
    encrypted: isPrivateUrl(src.stored.url),
    ...(src.stored.fingerprint
      ? {
          identity: {
            fingerprint: src.stored.fingerprint,
            words: fingerprintWords(src.stored.fingerprint),
          },
        }
      : {}),
  };
}

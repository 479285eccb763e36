/** How a room or DM is named in the UI. */
import { neutralise } from './bidi.js';
import type { RoomView, ServerView } from '../../../shared/api/index.js';

/**
 * "general" for a room; the other person's name for a DM; "Name (you)" for notes to self.
 * Direction controls in the names are neutralised (helpers/bidi.ts).
 */
export function roomLabel(
  room: Pick<RoomView, 'kind' | 'name' | 'dmUserId'>,
  server: ServerView,
): string {
  return neutralise(rawLabel(room, server));
}

function rawLabel(room: Pick<RoomView, 'kind' | 'name' | 'dmUserId'>, server: ServerView): string {
  if (room.kind === 'room') return room.name;
  if (room.dmUserId) {
    return (
      server.users.find((u) => u.id === room.dmUserId)?.name ?? (room.name || 'Direct message')
    );
  }
  return server.me ? `${server.me.name} (you)` : room.name || 'Notes';
}

/** The label with its kind, for titles and screen readers: "#general", "Alice". */
export function roomTitle(
  room: Pick<RoomView, 'kind' | 'name' | 'dmUserId'>,
  server: ServerView,
): string {
  return room.kind === 'room' ? `#${neutralise(room.name)}` : roomLabel(room, server);
}

/** Rooms first, then DMs, as the sidebar lists them (the order Alt+Up/Down walks). */
export function sidebarOrder(server: ServerView): RoomView[] {
  return [
    ...server.rooms.filter((r) => r.kind === 'room'),
    ...server.rooms.filter((r) => r.kind === 'dm'),
  ];
}

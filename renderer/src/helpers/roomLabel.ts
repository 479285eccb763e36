/** How a room or DM is named in the UI. */
import type { RoomView, ServerView } from '../../../shared/api/index.js';

/** "general" for a room; the other person's name for a DM; "Name (you)" for notes to self. */
export function roomLabel(
  room: Pick<RoomView, 'kind' | 'name' | 'dmUserId'>,
  server: ServerView,
): string {
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
  return room.kind === 'room' ? `#${room.name}` : roomLabel(room, server);
}

/** Rooms first, then DMs, as the sidebar lists them (the order Alt+Up/Down walks). */
export function sidebarOrder(server: ServerView): RoomView[] {
  return [
    ...server.rooms.filter((r) => r.kind === 'room'),
    ...server.rooms.filter((r) => r.kind === 'dm'),
  ];
}

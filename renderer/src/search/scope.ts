/** The filter that limits a search to one room or DM, as Ctrl+F types it. */
import type { RoomView, ServerView } from '../../../shared/api/index.js';
import { roomLabel } from '../helpers/roomLabel.js';

const quoted = (name: string) => (/\s|"/.test(name) ? `"${name.replace(/"/g, '')}"` : name);

/** `in:#general `, `in:@Ann `, or nothing for notes to self. */
export function scopeOf(room: RoomView, server: ServerView): string {
  if (room.kind === 'room') return `in:#${quoted(room.name)} `;
  if (!room.dmUserId) return server.me ? `in:@${quoted(server.me.name)} ` : '';
  return `in:@${quoted(roomLabel(room, server))} `;
}

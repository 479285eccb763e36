/** A sidebar section of rooms or DMs, with unread and mention badges. */
import type { ReactNode } from 'react';
import type { RoomView, ServerView } from '../../../shared/api/index.js';
import { Avatar } from '../common/Avatar.js';
import { roomLabel } from '../helpers/roomLabel.js';

/** Props: the section, its rooms and the selection. */
export interface RoomListProps {
  title: string;
  rooms: readonly RoomView[];
  server: ServerView;
  selectedId?: string;
  onSelect: (roomId: string) => void;
  /** Buttons next to the section title (create, browse). */
  actions?: ReactNode;
}

function badgeText(room: RoomView): string {
  if (room.mentions > 0) return `${room.mentions} mention${room.mentions === 1 ? '' : 's'}`;
  return `${room.unread} unread`;
}

/** A titled list of room buttons. */
export function RoomList({ title, rooms, server, selectedId, onSelect, actions }: RoomListProps) {
  return (
    <section className="side-section" aria-label={title}>
      <div className="side-title">
        <h3>{title}</h3>
        {actions}
      </div>
      <ul className="side-list">
        {rooms.map((room) => {
          const label = roomLabel(room, server);
          const other = room.dmUserId
            ? server.users.find((u) => u.id === room.dmUserId)
            : undefined;
          const hot = room.unread > 0 && !room.muted;
          const classes = ['side-item'];
          if (room.id === selectedId) classes.push('selected');
          if (room.muted) classes.push('muted-room');
          if (hot || room.mentions > 0) classes.push('unread');
          return (
            <li key={room.id}>
              <button
                type="button"
                className={classes.join(' ')}
                aria-current={room.id === selectedId ? 'page' : undefined}
                onClick={() => onSelect(room.id)}
              >
                {room.kind === 'room' ? (
                  <span className="side-icon" aria-hidden="true">
                    #
                  </span>
                ) : (
                  <Avatar
                    name={label}
                    avatar={other?.avatar ?? server.me?.avatar}
                    image={other ? other.avatarImage : server.me?.avatarImage}
                    size={20}
                    status={other?.status}
                  />
                )}
                <bdi className="side-label">{label}</bdi>
                {room.muted && <span className="visually-hidden">(muted)</span>}
                {room.typing.length > 0 && (
                  <span className="side-typing" aria-label="someone is typing">
                    …
                  </span>
                )}
                {(room.mentions > 0 || room.unread > 0) && (
                  <span
                    className={room.mentions > 0 ? 'badge badge-mention' : 'badge'}
                    aria-label={badgeText(room)}
                  >
                    {room.mentions > 0 ? room.mentions : room.unread > 99 ? '99+' : room.unread}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

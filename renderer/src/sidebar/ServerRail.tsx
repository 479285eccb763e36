/** The desktop's column of servers (several at once), with an add button. */
import type { ServerView } from '../../../shared/api/index.js';
import { initialOf } from '../helpers/avatarColors.js';

/** Props: servers, the current one, and what the buttons do. */
export interface ServerRailProps {
  servers: readonly ServerView[];
  currentId: string;
  onSelect: (serverId: string) => void;
  onAdd: () => void;
}

/** One round button per server; a dot when it has unread messages. */
export function ServerRail({ servers, currentId, onSelect, onAdd }: ServerRailProps) {
  return (
    <div className="rail" role="group" aria-label="Servers">
      {servers.map((s) => {
        const unread = s.rooms.some((r) => (r.unread > 0 && !r.muted) || r.mentions > 0);
        return (
          <button
            key={s.id}
            type="button"
            className={s.id === currentId ? 'rail-server selected' : 'rail-server'}
            aria-current={s.id === currentId ? 'true' : undefined}
            aria-label={`${s.name}${unread ? ', unread messages' : ''}`}
            title={s.name}
            onClick={() => onSelect(s.id)}
          >
            {initialOf(s.name)}
            {unread && <span className="rail-dot" aria-hidden="true" />}
            <span className={`rail-status status-${s.status}`} aria-hidden="true" />
          </button>
        );
      })}
      <button
        type="button"
        className="rail-server rail-add"
        aria-label="Add a server"
        title="Add a server"
        onClick={onAdd}
      >
        +
      </button>
    </div>
  );
}

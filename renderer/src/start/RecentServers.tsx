/** Servers this device has used, to reopen or forget. */
import type { ServerView } from '../../../shared/api/index.js';
import { StatusDot } from '../common/StatusDot.js';
import { Icon } from '../common/Icon.js';

/** Props: the servers and the two things one can do with them. */
export interface RecentServersProps {
  servers: readonly ServerView[];
  onOpen: (serverId: string) => void;
  onRemove: (serverId: string) => void;
}

/** A list of server entries. */
export function RecentServers({ servers, onOpen, onRemove }: RecentServersProps) {
  if (servers.length === 0) return null;
  return (
    <section className="card recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent servers</h2>
      <ul className="recent-list">
        {servers.map((s) => (
          <li key={s.id} className="recent-item">
            <button type="button" className="recent-open" onClick={() => onOpen(s.id)}>
              <StatusDot status={s.status} />
              <span className="recent-name">{s.name}</span>
              <span className="recent-url muted">{s.url}</span>
            </button>
            {!s.hosted && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Forget ${s.name}`}
                title="Forget"
                onClick={() => onRemove(s.id)}
              >
                <Icon name="close" size={16} />
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who is on the server, online first; a click opens a direct message. */
import { SafeText } from '../common/SafeText.js';
import { neutralise } from '../helpers/bidi.js';
import type { User } from '../../../shared/protocol/index.js';
import { ROLE_LABEL } from '../access/roles.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';

/** Props: the directory, who is reading, and the DM action. */
export interface PeopleListProps {
  users: readonly User[];
  meId?: string;
  /** False while the server is unreachable: then nobody's presence is known. */
  connected: boolean;
  onOpenDm: (userId: string) => void;
  /** Opens a person's card (role, and kick/ban/roles for owners and admins). */
  onManage?: (userId: string) => void;
}

const ORDER = { online: 0, away: 1, offline: 2 } as const;
/** Offline people beyond this are summarized: big directories would crowd the sidebar. */
const MAX_OFFLINE = 8;

/** People, each a button that opens a DM. */
export function PeopleList({ users, meId, connected, onOpenDm, onManage }: PeopleListProps) {
  const sorted = [...users].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name),
  );
  const here = sorted.filter((u) => u.status !== 'offline');
  const offline = sorted.filter((u) => u.status === 'offline');
  const shown = [...here, ...offline.slice(0, MAX_OFFLINE)];
  // Away people are here but not online.
  const online = here.filter((u) => u.status === 'online').length;
  return (
    <section className="side-section" aria-label="People">
      <div className="side-title">
        <h3>People</h3>
        <span className="side-count">{connected ? `${online} online` : 'Status unknown'}</span>
      </div>
      <ul className="side-list">
        {shown.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              className={
                connected && u.status !== 'offline'
                  ? 'side-item person'
                  : 'side-item person offline'
              }
              onClick={() => onOpenDm(u.id)}
              // Starts with the visible text (name, "(you)"), then the status and the action.
              aria-label={`${neutralise(u.name)}${u.id === meId ? ' (you)' : ''}, ${connected ? u.status : 'status unknown'}. Open direct message`}
            >
              <Avatar
                name={u.name}
                avatar={u.avatar}
                image={u.avatarImage}
                size={20}
                status={connected ? u.status : undefined}
              />
              <span className="side-label">
                <SafeText text={u.name} />
                {u.id === meId && <span className="muted"> (you)</span>}
                {u.role && u.role !== 'member' && (
                  <span className="role-badge">{ROLE_LABEL[u.role]}</span>
                )}
              </span>
            </button>
            {onManage && u.id !== meId && (
              <button
                type="button"
                className="icon-button small person-more"
                aria-label={`Manage ${u.name}`}
                title={`${u.name}: role, kick, ban`}
                onClick={() => onManage(u.id)}
              >
                <Icon name="menu" size={14} />
              </button>
            )}
          </li>
        ))}
      </ul>
      {offline.length > MAX_OFFLINE && (
        <p className="side-more muted">and {offline.length - MAX_OFFLINE} more offline</p>
      )}
    </section>
  );
}

/**
 * Who is on the server: the people this client knows (online first), and a search over the
 * whole directory, paged (a server may have 100k people). A click opens a direct message.
 */
import type { User } from '../../../shared/protocol/index.js';
import { useDirectorySearch } from '../hooks/useDirectorySearch.js';
import { PeopleSearchResults } from './PeopleSearch.js';
import { PersonButton } from './PersonButton.js';

/** Props: the known people, how many the server has, who is reading, and the DM action. */
export interface PeopleListProps {
  serverId: string;
  users: readonly User[];
  /** People registered on the server (most are not loaded). */
  userCount: number;
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

/** People, each a button that opens a DM; a search box finds anyone else. */
export function PeopleList(props: PeopleListProps) {
  const { serverId, users, userCount, meId, connected, onOpenDm, onManage } = props;
  const search = useDirectorySearch(serverId);
  const sorted = [...users].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name),
  );
  const here = sorted.filter((u) => u.status !== 'offline');
  const offline = sorted.filter((u) => u.status === 'offline');
  const shown = [...here, ...offline.slice(0, MAX_OFFLINE)];
  // Away people are here but not online.
  const online = here.filter((u) => u.status === 'online').length;
  const rest = Math.max(0, userCount - shown.length);
  const searching = search.query.trim() !== '';
  return (
    <section className="side-section" aria-label="People">
      <div className="side-title">
        <h3>People</h3>
        <span className="side-count">
          {connected ? `${online} online of ${userCount}` : 'Status unknown'}
        </span>
      </div>
      <input
        type="search"
        className="side-search"
        aria-label="Search people"
        placeholder="Find someone…"
        maxLength={32}
        value={search.query}
        onChange={(e) => search.setQuery(e.target.value)}
      />
      {searching ? (
        <PeopleSearchResults search={search} meId={meId} onOpenDm={onOpenDm} />
      ) : (
        <>
          <ul className="side-list">
            {shown.map((u) => (
              <li key={u.id}>
                <PersonButton
                  user={u}
                  meId={meId}
                  connected={connected}
                  onOpenDm={onOpenDm}
                  {...(onManage ? { onManage } : {})}
                />
              </li>
            ))}
          </ul>
          {rest > 0 && (
            <p className="side-more muted">
              and {rest} more {rest === 1 ? 'person' : 'people'}: search to find them
            </p>
          )}
        </>
      )}
    </section>
  );
}

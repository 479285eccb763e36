/** The people search in the sidebar: a search box and paged results; a click opens a DM. */
import type { DirectorySearch } from '../hooks/useDirectorySearch.js';
import { PersonButton } from './PersonButton.js';

/** Props: the search state and the DM action. */
export interface PeopleSearchProps {
  search: DirectorySearch;
  meId?: string;
  onOpenDm: (userId: string) => void;
}

/** Results of a people search, with "More people" while pages remain. */
export function PeopleSearchResults({ search, meId, onOpenDm }: PeopleSearchProps) {
  const { results, hasMore, loading, error, loadMore } = search;
  return (
    <div aria-live="polite">
      <ul className="side-list" aria-label="People found">
        {results.map((u) => (
          <li key={u.id}>
            <PersonButton user={u} meId={meId} onOpenDm={onOpenDm} />
          </li>
        ))}
      </ul>
      {error && <p className="side-more error-text">{error}</p>}
      {!error && !loading && results.length === 0 && (
        <p className="side-more muted">Nobody by that name</p>
      )}
      {loading && <p className="side-more muted">Searching…</p>}
      {hasMore && !loading && (
        <button type="button" className="side-browse link-button" onClick={loadMore}>
          More people
        </button>
      )}
    </div>
  );
}

/** The results panel: each hit with its room, author, time and a highlighted line of context. */
import type { SearchHit } from '../../../shared/api/index.js';
import { formatFull } from '../helpers/format.js';
import { highlight } from './highlight.js';
import type { SearchState } from './useSearch.js';

/** Props: the search state, names for ids, and what clicking does. */
export interface SearchResultsProps {
  state: SearchState;
  roomName: (roomId: string) => string;
  authorName: (userId: string) => string;
  onOpen: (hit: SearchHit) => void;
  onSort: (sort: 'relevance' | 'newest') => void;
  onMore: () => void;
  onClose: () => void;
}

/** The panel beside the room. */
export function SearchResults(props: SearchResultsProps) {
  const { state, roomName, authorName, onOpen, onSort, onMore, onClose } = props;
  return (
    <section className="search-panel" aria-label="Search results">
      <header className="search-panel-head">
        <h2>
          {state.loading && state.hits.length === 0
            ? 'Searching…'
            : state.error
              ? 'Search'
              : `${state.total} result${state.total === 1 ? '' : 's'}`}
        </h2>
        <label className="search-sort">
          <span className="visually-hidden">Order</span>
          <select
            value={state.sort}
            onChange={(e) => onSort(e.target.value as 'relevance' | 'newest')}
            aria-label="Order results"
          >
            <option value="relevance">Best match</option>
            <option value="newest">Newest first</option>
          </select>
        </label>
        <button type="button" onClick={onClose} aria-label="Close search">
          ×
        </button>
      </header>
      {state.error && (
        <p className="search-error" role="alert">
          {state.error}
        </p>
      )}
      {!state.error && !state.loading && state.total === 0 && (
        <p className="muted search-empty">
          Nothing found. Try fewer words, or filters like <code>in:#room</code>,{' '}
          <code>from:@name</code>, <code>has:file</code>, <code>before:2026-01-31</code>.
        </p>
      )}
      <ol className="search-hits">
        {state.hits.map((hit) => {
          const m = hit.message;
          const text = m.text || (m.file ? m.file.name : '');
          return (
            <li key={`${m.roomId}/${m.seq}`}>
              <button type="button" className="search-hit" onClick={() => onOpen(hit)}>
                <span className="search-hit-meta">
                  <strong>{roomName(m.roomId)}</strong> · {authorName(m.authorId)} ·{' '}
                  <time dateTime={new Date(m.ts).toISOString()}>{formatFull(m.ts)}</time>
                </span>
                <span className="search-hit-text">
                  {highlight(text, hit.terms).map((p, i) =>
                    p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {state.hasMore && (
        <button type="button" className="search-more" onClick={onMore} disabled={state.loading}>
          {state.loading ? 'Loading…' : 'More results'}
        </button>
      )}
    </section>
  );
}

/** Searching a server's people a page at a time (the directory is never loaded whole). */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { User } from '../../../shared/protocol/index.js';
import { useChatApi } from '../api/ChatApiContext.js';

/** What a search shows: the pages loaded so far for the current query. */
export interface DirectorySearch {
  query: string;
  setQuery: (q: string) => void;
  results: User[];
  /** More pages exist: loadMore() fetches the next one. */
  hasMore: boolean;
  loading: boolean;
  error: string | undefined;
  loadMore: () => void;
}

/** Waits this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 200;
const PAGE = 30;

/** A debounced, paged people search on one server. */
export function useDirectorySearch(serverId: string): DirectorySearch {
  const api = useChatApi();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<User[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // Answers to an older query (or server) must not overwrite a newer one's.
  const generation = useRef(0);

  const fetchPage = useCallback(
    (q: string, cursor: string | undefined, gen: number) => {
      setLoading(true);
      api
        .call('searchUsers', { serverId, query: q, limit: PAGE, ...(cursor ? { cursor } : {}) })
        .then(
          (page) => {
            if (gen !== generation.current) return;
            setResults((old) => (cursor ? [...old, ...page.users] : page.users));
            setNext(page.next);
            setError(undefined);
          },
          (err: unknown) => {
            if (gen !== generation.current) return;
            setError(
              err instanceof Error
                ? err.message
                : String((err as { message?: string }).message ?? err),
            );
          },
        )
        .finally(() => {
          if (gen === generation.current) setLoading(false);
        });
    },
    [api, serverId],
  );

  useEffect(() => {
    const gen = ++generation.current;
    const q = query.trim();
    setNext(undefined);
    if (!q) {
      setResults([]);
      setLoading(false);
      setError(undefined);
      return;
    }
    const timer = setTimeout(() => fetchPage(q, undefined, gen), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, fetchPage]);

  const loadMore = useCallback(() => {
    if (next && !loading) fetchPage(query.trim(), next, generation.current);
  }, [next, loading, fetchPage, query]);

  return { query, setQuery, results, hasMore: next !== undefined, loading, error, loadMore };
}

/**
 * Asks the server for people whose name matches a mention being typed, so the autocomplete can
 * offer people this client has not met yet (found ones join the engine's known users).
 */
export function useMentionLookup(serverId: string): (query: string) => void {
  const api = useChatApi();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const asked = useRef(new Set<string>());
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(
    (query: string) => {
      clearTimeout(timer.current);
      const q = query.trim().toLowerCase();
      if (!q || asked.current.has(`${serverId}\0${q}`)) return;
      timer.current = setTimeout(() => {
        asked.current.add(`${serverId}\0${q}`);
        void api.call('searchUsers', { serverId, query: q, limit: 20 }).catch(() => {
          asked.current.delete(`${serverId}\0${q}`);
        });
      }, DEBOUNCE_MS);
    },
    [api, serverId],
  );
}

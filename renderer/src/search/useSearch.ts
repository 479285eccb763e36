/** Runs searches for the panel: one query at a time, newest answer wins, more pages on demand. */
import { useCallback, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/api/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { errorMessage } from '../helpers/errors.js';

/** What the panel shows. */
export interface SearchState {
  query: string;
  sort: 'relevance' | 'newest';
  hits: SearchHit[];
  total: number;
  hasMore: boolean;
  loading: boolean;
  error?: string;
}

const PAGE = 20;

/** The search panel's state and actions for one server. */
export function useSearch(serverId: string) {
  const api = useChatApi();
  const [state, setState] = useState<SearchState>();
  const ticket = useRef(0);

  const run = useCallback(
    async (query: string, sort: 'relevance' | 'newest', offset: number) => {
      const mine = ++ticket.current;
      setState((s) => ({
        query,
        sort,
        hits: offset > 0 && s ? s.hits : [],
        total: offset > 0 && s ? s.total : 0,
        hasMore: false,
        loading: true,
      }));
      try {
        const page = await api.call('search', { serverId, query, sort, offset, limit: PAGE });
        if (mine !== ticket.current) return;
        setState((s) => ({
          query,
          sort,
          hits: offset > 0 && s ? [...s.hits, ...page.hits] : page.hits,
          total: page.total,
          hasMore: page.hasMore,
          loading: false,
        }));
      } catch (err) {
        if (mine !== ticket.current) return;
        setState({
          query,
          sort,
          hits: [],
          total: 0,
          hasMore: false,
          loading: false,
          error: errorMessage(err),
        });
      }
    },
    [api, serverId],
  );

  return {
    state,
    search: (query: string, sort: 'relevance' | 'newest' = 'relevance') => void run(query, sort, 0),
    more: () => state && void run(state.query, state.sort, state.hits.length),
    close: () => {
      ticket.current++;
      setState(undefined);
    },
  };
}

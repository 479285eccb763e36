/** The header's search: the box, and the results panel beside the room once something is asked. */
import { useEffect, useRef, useState } from 'react';
import type { SearchHit, ServerView } from '../../../shared/api/index.js';
import { roomTitle } from '../helpers/roomLabel.js';
import { SearchBox } from './SearchBox.js';
import { SearchResults } from './SearchResults.js';
import { useSearch } from './useSearch.js';

/** A request to focus the box (Ctrl+F, Ctrl+Shift+F), with the text to start from. */
export interface FocusRequest {
  text: string;
  /** Changes on every request, so the same text can be asked twice. */
  n: number;
}

/** Props: the server, focus requests, and what opening a hit does. */
export interface SearchAreaProps {
  server: ServerView;
  focus?: FocusRequest;
  onOpen: (hit: SearchHit) => void;
}

/** Box plus panel; renders the panel only while there is a search. */
export function SearchArea({ server, focus, onOpen }: SearchAreaProps) {
  const s = useSearch(server.id);
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!focus) return;
    setText(focus.text);
    input.current?.focus();
  }, [focus]);
  const roomName = (roomId: string) => {
    const r = server.rooms.find((x) => x.id === roomId);
    return r
      ? roomTitle(r, server)
      : (server.otherRooms.find((x) => x.id === roomId)?.name ?? 'a room');
  };
  const authorName = (userId: string) =>
    server.users.find((u) => u.id === userId)?.name ?? 'Someone';
  return (
    <>
      <div className="search-bar">
        <SearchBox
          ref={input}
          value={text}
          onChange={setText}
          onSearch={(q) => s.search(q, s.state?.sort)}
          onClose={s.close}
        />
      </div>
      {s.state && (
        <SearchResults
          state={s.state}
          roomName={roomName}
          authorName={authorName}
          onOpen={onOpen}
          onSort={(sort) => s.search(s.state!.query, sort)}
          onMore={s.more}
          onClose={() => {
            s.close();
            setText('');
          }}
        />
      )}
    </>
  );
}

/**
 * The virtual message list. Only the rows near the viewport are in the DOM, whatever the
 * history size; scrolling to the top loads the previous page, and new messages keep the view
 * pinned to the bottom when it was there (always after sending one's own).
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { Icon } from '../common/Icon.js';
import type { MessageRow } from './rows.js';

/** Virtuoso wants positive indexes; prepended pages count down from here. */
const BASE_INDEX = 1_000_000_000;

/** Props: rows and paging state, plus how to draw one row. */
export interface MessageListProps {
  label: string;
  rows: readonly MessageRow[];
  hasOlder: boolean;
  loading: boolean;
  /** Data index to start at (the "new messages" line, a search hit), else the bottom. */
  startIndex?: number;
  /** Where the start row sits: at the top (new messages) or centred (a jump). */
  startAlign?: 'start' | 'center';
  /** Newer messages exist past the loaded ones (after a jump); scrolling down loads them. */
  hasNewer?: boolean;
  onLoadNewer?: () => void;
  /** Id of the current user, to follow their own new messages. */
  meId?: string;
  roomTitle: string;
  /** A DM starts "your conversation with Bob"; a room starts "#general". */
  kind: 'room' | 'dm';
  onLoadOlder: () => void;
  renderRow: (row: MessageRow) => ReactNode;
}

interface HeaderContext {
  hasOlder: boolean;
  loading: boolean;
  roomTitle: string;
  kind: 'room' | 'dm';
}

function ListHeader({ context }: { context?: HeaderContext }) {
  if (!context) return null;
  if (context.hasOlder || context.loading) {
    return (
      <div className="list-top muted">{context.loading ? 'Loading older messages…' : ' '}</div>
    );
  }
  return (
    <div className="list-top list-start">
      <strong>
        {context.kind === 'dm'
          ? `This is the start of your conversation with ${context.roomTitle}.`
          : `This is the start of ${context.roomTitle}.`}
      </strong>
    </div>
  );
}

/** Keeps prepended pages from moving the view: the first row ever seen keeps its index. */
function useFirstItemIndex(rows: readonly MessageRow[]): number {
  const anchor = useRef<string | undefined>(undefined);
  if (anchor.current === undefined && rows.length > 0) anchor.current = rows[0]!.key;
  let index = anchor.current === undefined ? 0 : rows.findIndex((r) => r.key === anchor.current);
  if (index < 0) {
    anchor.current = rows[0]?.key;
    index = 0;
  }
  return BASE_INDEX - index;
}

/**
 * Keeps the newest message in view when the list gets shorter (a transfer card or an error
 * appears below it): the list only follows new rows by itself, not a shrinking viewport.
 */
function useStickToBottom() {
  const frame = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    let height = el.clientHeight;
    const observer = new ResizeObserver(() => {
      const next = el.clientHeight;
      const shrunk = height - next;
      height = next;
      const s = scroller.current;
      if (!s || shrunk <= 0) return;
      const fromBottom = s.scrollHeight - s.scrollTop - s.clientHeight;
      // It was at the bottom if all that is hidden now is what the shrink covered.
      if (fromBottom <= shrunk + 8) s.scrollTop = s.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const setScroller = useCallback((el: HTMLElement | Window | null) => {
    scroller.current = el instanceof HTMLElement ? el : null;
  }, []);
  return { frame, setScroller };
}

/** The scrolling log of messages. */
export function MessageList(props: MessageListProps) {
  const { rows, hasOlder, loading, onLoadOlder, renderRow, meId } = props;
  const firstItemIndex = useFirstItemIndex(rows);
  const latest = useRef(rows);
  latest.current = rows;
  const followOutput = useCallback(
    (atBottom: boolean) => {
      const last = latest.current.at(-1)?.message;
      if (last && last.authorId === meId && last.status !== 'sent') return 'auto';
      return atBottom ? 'auto' : false;
    },
    [meId],
  );
  const startReached = useCallback(() => {
    if (hasOlder && !loading) onLoadOlder();
  }, [hasOlder, loading, onLoadOlder]);
  const { hasNewer, onLoadNewer } = props;
  const endReached = useCallback(() => {
    if (hasNewer && !loading) onLoadNewer?.();
  }, [hasNewer, loading, onLoadNewer]);
  const start = props.startIndex ?? rows.length - 1;
  const stick = useStickToBottom();
  const handle = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  return (
    <div
      ref={stick.frame}
      className="message-list"
      role="log"
      aria-label={props.label}
      // Rows come and go while scrolling; new messages are announced separately (RoomView).
      aria-live="off"
    >
      <Virtuoso
        ref={handle}
        scrollerRef={stick.setScroller}
        atBottomStateChange={setAtBottom}
        data={rows as MessageRow[]}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={
          props.startIndex !== undefined
            ? { index: Math.max(0, start), align: props.startAlign ?? 'start' }
            : { index: Math.max(0, start), align: 'end' }
        }
        computeItemKey={(_i, row) => row.key}
        itemContent={(_i, row) => renderRow(row)}
        followOutput={followOutput}
        startReached={startReached}
        endReached={endReached}
        atBottomThreshold={48}
        increaseViewportBy={{ top: 120, bottom: 60 }}
        context={{ hasOlder, loading, roomTitle: props.roomTitle, kind: props.kind }}
        components={{ Header: ListHeader }}
        className="virtuoso"
      />
      {!atBottom && rows.length > 0 && (
        <button
          type="button"
          className="jump-latest"
          onClick={() => handle.current?.scrollToIndex({ index: 'LAST', align: 'end' })}
        >
          <Icon name="arrowDown" size={15} /> Jump to latest
        </button>
      )}
    </div>
  );
}

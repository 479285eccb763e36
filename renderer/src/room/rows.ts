/**
 * Turns a timeline into list rows. Day separators and the "new messages" line ride on the
 * message they precede instead of being rows of their own, so prepending an older page adds
 * exactly as many rows as messages (what the virtual list's firstItemIndex needs).
 */
import type { TimelineMessage } from '../../../shared/api/index.js';
import { dayKey, formatDay } from '../helpers/format.js';

/** Messages this close together by the same author share one header. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/** One message row. */
export interface MessageRow {
  key: string;
  message: TimelineMessage;
  /** Continues the previous message's group: no avatar or name. */
  grouped: boolean;
  /** Label of the day separator shown above, when this message starts a day. */
  day?: string;
  /** The "new messages" line is shown above. */
  newLine: boolean;
}

/** Stable identity of a message in the list: its seq once stored, its client id before. */
export function rowKey(m: TimelineMessage): string {
  return m.status === 'sent' ? `s${m.seq}` : `o${m.clientId}`;
}

/**
 * Rows for `messages` (oldest first). The "new messages" line goes above the first message
 * after `readSeq` that was already there when the room opened (up to `openedLastSeq`): what
 * arrives while one looks is not news.
 */
export function buildRows(
  messages: readonly TimelineMessage[],
  readSeq: number,
  meId: string | undefined,
  openedLastSeq = Infinity,
  now = Date.now(),
): MessageRow[] {
  const rows: MessageRow[] = [];
  let lineShown = false;
  let prev: TimelineMessage | undefined;
  for (const m of messages) {
    const newLine =
      !lineShown &&
      readSeq > 0 &&
      m.status === 'sent' &&
      m.seq > readSeq &&
      m.seq <= openedLastSeq &&
      m.authorId !== meId &&
      !m.deleted;
    if (newLine) lineShown = true;
    const newDay = !prev || dayKey(prev.ts) !== dayKey(m.ts);
    const grouped =
      !!prev &&
      !newDay &&
      !newLine &&
      prev.authorId === m.authorId &&
      m.ts - prev.ts < GROUP_WINDOW_MS &&
      m.ts >= prev.ts;
    rows.push({
      key: rowKey(m),
      message: m,
      grouped,
      newLine,
      ...(newDay ? { day: formatDay(m.ts, now) } : {}),
    });
    prev = m;
  }
  return rows;
}

/** Index of the row with the "new messages" line, or -1. */
export function newLineIndex(rows: readonly MessageRow[]): number {
  return rows.findIndex((r) => r.newLine);
}

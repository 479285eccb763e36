/** The loaded, contiguous part of one room's history, and how new pages merge into it. */
import type { Message } from '../protocol/index.js';

/** One room's loaded messages: always a gap-free run of sequence numbers. */
export interface LoadedTimeline {
  messages: Message[];
  /** Messages older than the first loaded one exist. */
  hasOlder: boolean;
  /** A history request is running. */
  loading: boolean;
  /** The newest page has been fetched at least once. */
  loaded: boolean;
  /** Read marker when the room was opened (for the "new messages" line). */
  openedReadSeq: number;
  /** Newer messages exist past the loaded run (after a jump into history). */
  hasNewer: boolean;
  /** The message a jump landed on. */
  focusSeq?: number;
}

/** An empty, not yet loaded timeline. */
export function emptyTimeline(readSeq: number): LoadedTimeline {
  return {
    messages: [],
    hasOlder: false,
    loading: false,
    loaded: false,
    openedReadSeq: readSeq,
    hasNewer: false,
  };
}

/** Sequence number of the newest loaded message (0 when none). */
export function lastSeqOf(t: LoadedTimeline): number {
  return t.messages.at(-1)?.seq ?? 0;
}

/**
 * Merges messages into a sorted run; a message with a known seq replaces the old copy. Only
 * messages that keep the run contiguous are accepted, so a gap is never hidden.
 */
export function mergeMessages(existing: Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing;
  const sorted = [...incoming].sort((a, b) => a.seq - b.seq);
  if (existing.length === 0) return contiguousTail(sorted);
  const first = existing[0]!.seq;
  const last = existing.at(-1)!.seq;
  let out = existing;
  // Replacements inside the loaded run.
  const inside = sorted.filter((m) => m.seq >= first && m.seq <= last);
  if (inside.length > 0) {
    out = [...existing];
    for (const m of inside) out[m.seq - first] = m;
  }
  const after = sorted.filter((m) => m.seq > last);
  let next = last + 1;
  const appended: Message[] = [];
  for (const m of after) {
    if (m.seq === next) {
      appended.push(m);
      next++;
    } else if (m.seq > next) break;
  }
  const before = sorted.filter((m) => m.seq < first).reverse();
  let prev = first - 1;
  const prepended: Message[] = [];
  for (const m of before) {
    if (m.seq === prev) {
      prepended.push(m);
      prev--;
    } else if (m.seq < prev) break;
  }
  if (appended.length === 0 && prepended.length === 0) return out;
  return [...prepended.reverse(), ...out, ...appended];
}

/** The newest contiguous run of a sorted page (a page is contiguous; this guards against odd input). */
function contiguousTail(sorted: Message[]): Message[] {
  const unique = sorted.filter((m, i) => i === 0 || m.seq !== sorted[i - 1]!.seq);
  let start = unique.length - 1;
  while (start > 0 && unique[start - 1]!.seq === unique[start]!.seq - 1) start--;
  return unique.slice(start);
}

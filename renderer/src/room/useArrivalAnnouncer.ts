/**
 * What a screen reader hears when a message arrives. The list itself stays silent because the
 * virtual list adds and removes rows while scrolling, which a live region would read out as
 * news; this announces only messages from others that are newer than any seen before.
 */
import { useEffect, useRef, useState } from 'react';
import type { TimelineMessage } from '../../../shared/api/index.js';
import { plainText } from '../markdown/plainText.js';

/** The sentence for the newest arrival ("Alice: hello"), updated as messages come in. */
export function useArrivalAnnouncer(
  /** Undefined until the room's first page has loaded. */
  messages: readonly TimelineMessage[] | undefined,
  meId: string | undefined,
  nameOf: (userId: string) => string,
): string {
  const [text, setText] = useState('');
  const newest = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!messages) return;
    const last = messages.findLast((m) => m.status === 'sent');
    const seen = newest.current;
    newest.current = Math.max(seen ?? 0, last?.seq ?? 0);
    // The first page is history, not news.
    if (!last || seen === undefined || last.seq <= seen || last.authorId === meId || last.deleted)
      return;
    const body = last.text ? plainText(last.text) : (last.file?.name ?? '');
    setText(`${nameOf(last.authorId)}: ${body}`.slice(0, 300));
  }, [messages, meId, nameOf]);
  return text;
}

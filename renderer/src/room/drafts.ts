/** Unsent composer text per room, so switching rooms does not lose what was being written. */
const drafts = new Map<string, string>();

/** The draft of a room ("" when none). */
export function getDraft(key: string): string {
  return drafts.get(key) ?? '';
}

/** Remembers (or, for "", forgets) a room's draft. */
export function setDraft(key: string, text: string): void {
  if (text) drafts.set(key, text);
  else drafts.delete(key);
}

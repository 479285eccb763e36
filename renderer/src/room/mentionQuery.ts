/** Finding the "@partial" being typed before the caret, and completing it. */
import type { User } from '../../../shared/protocol/index.js';

/** The mention being typed: where its "@" is and what follows it. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** The "@…" right before the caret, when there is one (names may contain spaces, up to 2). */
export function mentionAt(text: string, caret: number): MentionQuery | undefined {
  const before = text.slice(0, caret);
  const m = /(^|[\s(])@([\p{L}\p{N}_.-]*(?: [\p{L}\p{N}_.-]*){0,2})$/u.exec(before);
  if (!m) return undefined;
  const query = m[2]!;
  if (query.length > 32 || query.endsWith('  ')) return undefined;
  return { start: before.length - query.length - 1, query };
}

/** Users whose name matches the query: names that start with it first, then the rest. */
export function matchUsers(users: readonly User[], query: string, limit = 8): User[] {
  const q = query.toLowerCase();
  const starts: User[] = [];
  const contains: User[] = [];
  for (const u of users) {
    const name = u.name.toLowerCase();
    if (name.startsWith(q)) starts.push(u);
    else if (q.length > 0 && !q.includes(' ') && name.includes(q)) contains.push(u);
  }
  const byName = (a: User, b: User) => a.name.localeCompare(b.name);
  // A query with a space only makes sense as the start of a full name.
  if (q.includes(' ') && starts.length === 0) return [];
  return [...starts.sort(byName), ...contains.sort(byName)].slice(0, limit);
}

/** The text with the mention replaced by "@Name ", and where the caret goes. */
export function completeMention(
  text: string,
  caret: number,
  at: MentionQuery,
  name: string,
): { text: string; caret: number } {
  const insert = `@${name} `;
  const next = text.slice(0, at.start) + insert + text.slice(caret).replace(/^ /, '');
  return { text: next, caret: at.start + insert.length };
}

/** The :shortcode: emoji names (GitHub's and Slack's set) and finding them while typing. */
import defs from 'markdown-it-emoji/lib/data/full.mjs';

/** Shortcode name (without colons) → emoji. */
export const EMOJI: Readonly<Record<string, string>> = defs;

const NAMES = Object.keys(defs);

/** One suggestion: the name and its emoji. */
export interface EmojiMatch {
  name: string;
  emoji: string;
}

/** Names that start with the query first, then names containing it; at most `limit`. */
export function matchEmoji(query: string, limit = 8): EmojiMatch[] {
  const q = query.toLowerCase();
  const starts: string[] = [];
  const contains: string[] = [];
  for (const name of NAMES) {
    if (name.startsWith(q)) starts.push(name);
    else if (name.includes(q)) contains.push(name);
  }
  const byLength = (a: string, b: string) => a.length - b.length || a.localeCompare(b);
  return [...starts.sort(byLength), ...contains.sort(byLength)]
    .slice(0, limit)
    .map((name) => ({ name, emoji: defs[name]! }));
}

/** The ":partial" right before the caret (two characters at least), when there is one. */
export function emojiAt(text: string, caret: number): { start: number; query: string } | undefined {
  const before = text.slice(0, caret);
  const m = /(^|[\s(]):([a-z0-9_+-]{2,32})$/i.exec(before);
  if (!m) return undefined;
  return { start: before.length - m[2]!.length - 1, query: m[2]! };
}

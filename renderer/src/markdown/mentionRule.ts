/** A markdown-it inline rule for @mentions of known names (names may contain spaces). */
import type { MarkdownIt, StateInline } from 'markdown-it';

/** What a parse needs to know about people: who can be mentioned and who is reading. */
export interface MentionEnv {
  /** Known user names, longest first; when absent, any @word counts as a mention. */
  names?: readonly string[];
  /** The reader's name, to highlight mentions of them. */
  me?: string;
}

const WORD = /[\p{L}\p{N}_]/u;
const NAME_CHAR = /[\p{L}\p{N}_-]/u;
const ANY_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_-]*/u;
const AT = 0x40;

function mention(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== AT) return false;
  const prev = src[pos - 1];
  if (prev !== undefined && (WORD.test(prev) || prev === '@')) return false;
  const env = (state.env ?? {}) as MentionEnv;
  const longest = env.names?.[0]?.length ?? 64;
  const rest = src.slice(pos + 1, Math.min(state.posMax, pos + 2 + longest));
  let name: string | undefined;
  if (env.names) {
    const lower = rest.toLowerCase();
    const found = env.names.find((n) => {
      if (!n || !lower.startsWith(n.toLowerCase())) return false;
      const after = rest[n.length];
      return after === undefined || !NAME_CHAR.test(after);
    });
    if (found) name = rest.slice(0, found.length);
  } else {
    name = ANY_NAME.exec(rest)?.[0];
  }
  if (!name) return false;
  if (!silent) {
    const token = state.push('mention', '', 0);
    token.content = name;
    token.meta = { me: !!env.me && name.toLowerCase() === env.me.toLowerCase() };
  }
  state.pos += 1 + name.length;
  return true;
}

/** Installs the rule (before emphasis, so "@bob_smith" is not read as emphasis). */
export function mentionPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'mention', mention);
}

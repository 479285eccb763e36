/**
 * The one markdown parser: markdown-it (CommonMark, plus GFM tables and strikethrough), with
 * linkify for bare http(s) URLs, :shortcode: emoji and @mentions. It produces tokens only; the
 * renderer turns them into React elements (markdown-it's HTML renderer is never used), raw HTML
 * is off (it stays text), and every link target passes safeHref.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import emojiPlugin from 'markdown-it-emoji/lib/bare.mjs';
import { EMOJI } from './emoji.js';
import { mentionPlugin, type MentionEnv } from './mentionRule.js';
import { safeHref } from './safeUrl.js';

/** Blockquotes and lists nested deeper than this are not parsed further. */
const MAX_NESTING = 20;

const md = new MarkdownIt('commonmark', {
  html: false,
  linkify: true,
  // A chat message's line breaks are meant: one newline is a break, as in every chat app.
  breaks: true,
  maxNesting: MAX_NESTING,
});
md.enable(['table', 'strikethrough', 'linkify']);
// Bare links: only what starts with http:// or https:// (no "www.x", no e-mail guessing).
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
md.linkify.add('ftp:', null).add('//', null).add('mailto:', null);
md.validateLink = (url) => safeHref(url) !== undefined;
md.use(emojiPlugin, { defs: { ...EMOJI }, shortcuts: {} });
md.use(mentionPlugin);

const sortedNames = new WeakMap<readonly string[], readonly string[]>();

/** Names longest first (so "@Alice Smith" wins over "@Alice"), cached per list. */
function longestFirst(names: readonly string[]): readonly string[] {
  let sorted = sortedNames.get(names);
  if (!sorted) {
    sorted = [...names].sort((a, b) => b.length - a.length);
    sortedNames.set(names, sorted);
  }
  return sorted;
}

/** Parses a message into markdown-it's block tokens (inline tokens are their children). */
export function parseMessage(text: string, env: MentionEnv = {}): Token[] {
  return md.parse(text, {
    names: env.names ? longestFirst(env.names) : undefined,
    me: env.me,
  } satisfies MentionEnv);
}

export type { Token };

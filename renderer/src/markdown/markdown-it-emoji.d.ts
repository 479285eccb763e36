// markdown-it-emoji ships no types; these are the two entry points Parley uses.
declare module 'markdown-it-emoji/lib/bare.mjs' {
  import type { MarkdownIt } from 'markdown-it';
  /** Adds `emoji` tokens for :shortcodes: from `defs` (and emoticons from `shortcuts`). */
  export default function emojiPlugin(
    md: MarkdownIt,
    options: { defs: Record<string, string>; shortcuts: Record<string, string[]> },
  ): void;
}
declare module 'markdown-it-emoji/lib/data/full.mjs' {
  /** Every GitHub/Slack shortcode name (without colons) and its emoji. */
  const defs: Record<string, string>;
  export default defs;
}

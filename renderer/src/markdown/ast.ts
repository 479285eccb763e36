/** The small document tree the markdown parser produces and the renderer draws. */

/** Inline content. */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'br' }
  | { t: 'strong' | 'em' | 'del'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: Inline[] }
  /** `v` is the mention as written, without "@"; `me` when it names the reader. */
  | { t: 'mention'; v: string; me: boolean };

/** Block content. */
export type Block = { t: 'p'; c: Inline[] } | { t: 'pre'; v: string } | { t: 'quote'; c: Block[] };

/** Splits a found message's text into plain and matched parts, around one line of context. */

/** A run of text; `hit` runs are the matched words. */
export interface Part {
  text: string;
  hit: boolean;
}

/** The index's form of a word: lower-case, without accents. */
const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Characters of context kept before the first match. */
const BEFORE = 40;
/** Longest snippet. */
const MAX = 200;

/** The words of `text` that the index matched (`terms`), marked; cut to a line around the first. */
export function highlight(text: string, terms: readonly string[]): Part[] {
  const wanted = new Set(terms);
  const line = text.replace(/\s+/g, ' ').trim();
  const parts: Part[] = [];
  let last = 0;
  let first = -1;
  for (const m of line.matchAll(/[\p{L}\p{N}_]+/gu)) {
    if (!wanted.has(fold(m[0]))) continue;
    if (first < 0) first = m.index;
    if (m.index > last) parts.push({ text: line.slice(last, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < line.length) parts.push({ text: line.slice(last), hit: false });
  return cut(parts, Math.max(0, first - BEFORE));
}

/** Keeps MAX characters from `from` on, with ellipses where text was left out. */
function cut(parts: Part[], from: number): Part[] {
  const out: Part[] = [];
  let pos = 0;
  let room = MAX;
  for (const p of parts) {
    const end = pos + p.text.length;
    if (end <= from || room <= 0) {
      pos = end;
      continue;
    }
    let text = pos < from ? p.text.slice(from - pos) : p.text;
    if (text.length > room) text = `${text.slice(0, room)}…`;
    room -= text.length;
    out.push({ text, hit: p.hit });
    pos = end;
  }
  if (from > 0 && out[0]) out[0] = { ...out[0], text: `…${out[0].text}` };
  return out;
}

/**
 * Inline markdown: **bold**, *italic* / _italic_, ~~strike~~, `code`, [text](url), bare
 * http(s) URLs, @mentions, backslash escapes and line breaks. Produces data, never HTML: the
 * renderer turns it into React elements, so nothing in the text is ever interpreted as markup.
 */
import type { Inline } from './ast.js';
import { safeHref } from './safeUrl.js';

/** Who can be mentioned, and who is reading. */
export interface InlineContext {
  /** Known user names; when absent, any @word counts as a mention. */
  names?: readonly string[];
  /** The reader's name, to highlight mentions of them. */
  me?: string;
}

/** Nesting beyond this is shown as text: it keeps recursion (and hostile input) bounded. */
const MAX_DEPTH = 8;
const PUNCT = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}_]/u;
const BARE_URL = /^https?:\/\/[^\s<>"'`]+/i;

/** Parses one paragraph's text (line breaks included). */
export function parseInline(src: string, ctx: InlineContext = {}): Inline[] {
  const names = ctx.names ? [...ctx.names].sort((a, b) => b.length - a.length) : undefined;
  return new InlineParser(src, { ...ctx, names }, 0, false).parse();
}

class InlineParser {
  private readonly out: Inline[] = [];
  private text = '';
  /** Per delimiter: from this index on there is no closer (avoids rescanning: stays linear). */
  private readonly noCloserFrom = new Map<string, number>();

  constructor(
    private readonly src: string,
    private readonly ctx: InlineContext,
    private readonly depth: number,
    private readonly inLink: boolean,
  ) {}

  parse(): Inline[] {
    const s = this.src;
    let i = 0;
    while (i < s.length) {
      const next = this.step(i);
      if (next > i) {
        i = next;
        continue;
      }
      this.text += s[i];
      i++;
    }
    this.flush();
    return this.out;
  }

  /** Tries a construct at `i`; returns the index after it, or `i` when there is none. */
  private step(i: number): number {
    const s = this.src;
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1]!)) {
      this.text += s[i + 1];
      return i + 2;
    }
    if (ch === '\n') {
      this.push({ t: 'br' });
      return i + 1;
    }
    if (ch === '`') return this.code(i);
    if (this.depth >= MAX_DEPTH) return i;
    if (ch === '*' || ch === '_' || ch === '~') return this.emphasis(i);
    if (ch === '[' && !this.inLink) return this.link(i);
    if ((ch === 'h' || ch === 'H') && !this.inLink) return this.bareUrl(i);
    if (ch === '@') return this.mention(i);
    return i;
  }

  private flush(): void {
    if (this.text) this.out.push({ t: 'text', v: this.text });
    this.text = '';
  }

  private push(node: Inline): void {
    this.flush();
    this.out.push(node);
  }

  private child(src: string, inLink = this.inLink): Inline[] {
    return new InlineParser(src, this.ctx, this.depth + 1, inLink).parse();
  }

  private code(i: number): number {
    const s = this.src;
    let n = 0;
    while (s[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = s.indexOf(fence, i + n);
    // The closing run must be exactly as long as the opening one.
    while (j !== -1 && s[j + n] === '`') {
      let end = j;
      while (s[end] === '`') end++;
      j = s.indexOf(fence, end);
    }
    if (j === -1) {
      this.text += fence;
      return i + n;
    }
    let body = s.slice(i + n, j).replace(/\n/g, ' ');
    if (body.length > 2 && body.startsWith(' ') && body.endsWith(' ')) body = body.slice(1, -1);
    this.push({ t: 'code', v: body });
    return j + n;
  }

  private emphasis(i: number): number {
    const s = this.src;
    const ch = s[i]!;
    const double = s[i + 1] === ch;
    if (ch === '~' && !double) return i;
    const delim = double ? ch + ch : ch;
    const start = i + delim.length;
    const after = s[start];
    if (after === undefined || /\s/.test(after)) return i;
    // snake_case_words are not emphasis.
    if (ch === '_' && i > 0 && WORD.test(s[i - 1]!)) return i;
    const close = this.findCloser(delim, start);
    if (close === -1) return i;
    const kind = ch === '~' ? 'del' : double ? 'strong' : 'em';
    this.push({ t: kind, c: this.child(s.slice(start, close)) });
    return close + delim.length;
  }

  private findCloser(delim: string, from: number): number {
    const s = this.src;
    const ch = delim[0]!;
    const dead = this.noCloserFrom.get(delim);
    if (dead !== undefined && from >= dead) return -1;
    let j = s.indexOf(delim, from);
    while (j !== -1) {
      // Take the end of a longer run, so ***x*** is strong(em(x)).
      while (s[j + delim.length] === ch) j++;
      const okBefore = j > from && !/\s/.test(s[j - 1]!);
      const okAfter =
        ch !== '_' || j + delim.length >= s.length || !WORD.test(s[j + delim.length]!);
      if (okBefore && okAfter) return j;
      j = s.indexOf(delim, j + 1);
    }
    this.noCloserFrom.set(delim, from);
    return -1;
  }

  private link(i: number): number {
    const s = this.src;
    const textEnd = matching(s, i, '[', ']');
    if (textEnd === -1 || s[textEnd + 1] !== '(') return i;
    const urlEnd = matching(s, textEnd + 1, '(', ')');
    if (urlEnd === -1) return i;
    const label = s.slice(i + 1, textEnd);
    const href = safeHref(s.slice(textEnd + 2, urlEnd));
    if (!href || label.trim() === '') {
      // Not a link we can open: the whole thing stays visible as the text that was written.
      this.text += s.slice(i, urlEnd + 1);
      return urlEnd + 1;
    }
    this.push({ t: 'link', href, c: this.child(label, true) });
    return urlEnd + 1;
  }

  private bareUrl(i: number): number {
    const s = this.src;
    if (i > 0 && WORD.test(s[i - 1]!)) return i;
    if (!/^https?:\/\//i.test(s.slice(i, i + 8))) return i;
    const m = BARE_URL.exec(s.slice(i, i + 4096));
    if (!m) return i;
    let url = m[0];
    // Sentence punctuation and an unmatched ")" after a URL belong to the sentence.
    for (;;) {
      const last = url.at(-1)!;
      if (/[.,;:!?*_~]/.test(last)) url = url.slice(0, -1);
      else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
      else break;
    }
    const href = safeHref(url);
    if (!href) return i;
    this.push({ t: 'link', href, c: [{ t: 'text', v: url }] });
    return i + url.length;
  }

  private mention(i: number): number {
    const s = this.src;
    if (i > 0 && (WORD.test(s[i - 1]!) || s[i - 1] === '@')) return i;
    const longest = this.ctx.names?.[0]?.length ?? 64;
    const rest = s.slice(i + 1, i + 2 + longest);
    let name: string | undefined;
    if (this.ctx.names) {
      const lower = rest.toLowerCase();
      name = this.ctx.names.find((n) => {
        if (!n || !lower.startsWith(n.toLowerCase())) return false;
        const after = rest[n.length];
        return after === undefined || !/[\p{L}\p{N}_-]/u.test(after);
      });
      if (name) name = rest.slice(0, name.length);
    } else {
      name = /^[\p{L}\p{N}_][\p{L}\p{N}_-]*/u.exec(rest)?.[0];
    }
    if (!name) return i;
    const me = !!this.ctx.me && name.toLowerCase() === this.ctx.me.toLowerCase();
    this.push({ t: 'mention', v: name, me });
    return i + 1 + name.length;
  }
}

/** Index of the bracket closing the one at `open`, honouring nesting and escapes; -1 if none. */
function matching(s: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === left) depth++;
    else if (c === right && --depth === 0) return j;
    else if (c === '\n' && left === '(') return -1;
  }
  return -1;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

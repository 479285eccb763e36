/** Block markdown: paragraphs, ``` code blocks and > quotes; inline content via parseInline. */
import type { Block } from './ast.js';
import { parseInline, type InlineContext } from './parseInline.js';

/** Quotes nested deeper than this stay as text. */
const MAX_QUOTE_DEPTH = 3;
const FENCE = /^ {0,3}```/;

/** Parses a message into blocks. */
export function parseMarkdown(text: string, ctx: InlineContext = {}): Block[] {
  return parseBlocks(text.replace(/\r\n?/g, '\n').split('\n'), ctx, 0);
}

function parseBlocks(lines: readonly string[], ctx: InlineContext, depth: number): Block[] {
  const out: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length > 0) out.push({ t: 'p', c: parseInline(para.join('\n'), ctx) });
    para = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const rest = line.replace(FENCE, '');
    // "```x```" on one line is inline code, not a fence.
    if (FENCE.test(line) && !rest.includes('```')) {
      flush();
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^ {0,3}```\s*$/.test(lines[i]!)) body.push(lines[i++]!);
      i++;
      out.push({ t: 'pre', v: body.join('\n') });
      continue;
    }
    if (depth < MAX_QUOTE_DEPTH && /^ {0,3}>/.test(line)) {
      flush();
      const inner: string[] = [];
      while (i < lines.length && /^ {0,3}>/.test(lines[i]!))
        inner.push(lines[i++]!.replace(/^ {0,3}> ?/, ''));
      out.push({ t: 'quote', c: parseBlocks(inner, ctx, depth + 1) });
      continue;
    }
    if (line.trim() === '') flush();
    else para.push(line);
    i++;
  }
  flush();
  return out;
}

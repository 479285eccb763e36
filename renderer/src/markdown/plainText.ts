/** A message as plain text (markers removed, links as their text), for notifications. */
import type { Block, Inline } from './ast.js';
import { parseMarkdown } from './parseMarkdown.js';

function inline(n: Inline): string {
  switch (n.t) {
    case 'text':
    case 'code':
      return n.v;
    case 'br':
      return '\n';
    case 'mention':
      return `@${n.v}`;
    default:
      return n.c.map(inline).join('');
  }
}

function block(b: Block): string {
  if (b.t === 'p') return b.c.map(inline).join('');
  if (b.t === 'pre') return b.v;
  return b.c.map(block).join('\n');
}

/** "ping **Dora**" → "ping Dora". */
export function plainText(text: string): string {
  return parseMarkdown(text).map(block).join('\n');
}

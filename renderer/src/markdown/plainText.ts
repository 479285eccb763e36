/** A message as plain text (markers removed, links as their text), for notifications. */
import { parseMessage, type Token } from './parser.js';

function text(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.children) out += text(t.children);
    else if (t.type === 'mention') out += `@${t.content}`;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += '\n';
    else if (t.type === 'paragraph_close' || t.type === 'heading_close') out += '\n';
    else if (t.type === 'list_item_open') out += '• ';
    else if (t.type === 'fence' || t.type === 'code_block') out += t.content;
    else out += t.content;
  }
  return out;
}

/** "ping **Dora**" → "ping Dora". */
export function plainText(message: string): string {
  return text(parseMessage(message)).replace(/\n+$/, '');
}

/**
 * Draws a message's markdown as React elements. Text only ever becomes text nodes, and hrefs
 * only come from safeHref, so a message can format itself but never inject markup or script.
 */
import { useMemo, type ReactNode } from 'react';
import type { Block, Inline } from './ast.js';
import { parseMarkdown } from './parseMarkdown.js';

/** Props: the text, and who can be @mentioned / who is reading. */
export interface MarkdownProps {
  text: string;
  names?: readonly string[];
  me?: string;
  /** Shown at the end of the last paragraph (the "(edited)" marker). */
  suffix?: ReactNode;
}

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\s)+$/u;

/** A message body. */
export function Markdown({ text, names, me, suffix }: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(text, { names, me }), [text, names, me]);
  // A message of one to three emoji reads better large, as in other chat apps.
  const jumbo = EMOJI_ONLY.test(text) && [...text.replace(/\s/g, '')].length <= 6;
  const last = blocks.at(-1);
  const inline = suffix !== undefined && last?.t === 'p';
  return (
    <div className={jumbo ? 'md md-jumbo' : 'md'}>
      {(inline ? blocks.slice(0, -1) : blocks).map(block)}
      {inline && (
        <p>
          {last.c.map(inlineNode)} {suffix}
        </p>
      )}
      {!inline && suffix}
    </div>
  );
}

function block(b: Block, key: number): ReactNode {
  switch (b.t) {
    case 'p':
      return <p key={key}>{b.c.map(inlineNode)}</p>;
    case 'pre':
      return (
        <pre key={key}>
          <code>{b.v}</code>
        </pre>
      );
    case 'quote':
      return <blockquote key={key}>{b.c.map(block)}</blockquote>;
  }
}

function inlineNode(n: Inline, key: number): ReactNode {
  switch (n.t) {
    case 'text':
      return n.v;
    case 'br':
      return <br key={key} />;
    case 'strong':
      return <strong key={key}>{n.c.map(inlineNode)}</strong>;
    case 'em':
      return <em key={key}>{n.c.map(inlineNode)}</em>;
    case 'del':
      return <del key={key}>{n.c.map(inlineNode)}</del>;
    case 'code':
      return <code key={key}>{n.v}</code>;
    case 'link':
      return (
        <a key={key} href={n.href} target="_blank" rel="noopener noreferrer">
          {n.c.map(inlineNode)}
        </a>
      );
    case 'mention':
      return (
        <span key={key} className={n.me ? 'mention mention-me' : 'mention'}>
          @{n.v}
        </span>
      );
  }
}

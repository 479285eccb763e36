/**
 * markdown-it tokens → React elements. Every element comes from a fixed table keyed by token
 * type (never from a token's tag or attributes), text only becomes text nodes, and an href is
 * only ever safeHref's output: a message can format itself but never inject markup or script.
 */
import { Fragment, type ReactNode } from 'react';
import { CodeBlock } from './CodeBlock.js';
import type { Token } from './parser.js';
import { safeHref } from './safeUrl.js';

interface Frame {
  token?: Token;
  children: ReactNode[];
}

/** An attribute as text ('' when absent). */
function attr(t: Token, name: string): string {
  return String(t.attrGet(name) ?? '');
}

const TASK = /^\[([ xX])\] /;

/** "- [ ] x" and "- [x] x": marks the list item and drops the box from its text. */
function markTasks(tokens: Token[]): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.type !== 'list_item_open' || tokens[i + 1]!.type !== 'paragraph_open') continue;
    const first = tokens[i + 2]!.children?.[0];
    const m = first?.type === 'text' ? TASK.exec(first.content) : null;
    if (!first || !m) continue;
    first.content = first.content.slice(m[0].length);
    tokens[i]!.meta = { task: m[1] !== ' ' };
  }
}

/** Headings inside a message sit below the page's own (the room name is the h1). */
function heading(tag: string): 'h3' | 'h4' | 'h5' | 'h6' {
  const level = Number(tag.slice(1)) || 1;
  return (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(level, 4) - 1]!;
}

function cellAlign(t: Token): 'left' | 'right' | 'center' | undefined {
  const m = /text-align:(left|right|center)/.exec(attr(t, 'style'));
  return m?.[1] as 'left' | 'right' | 'center' | undefined;
}

function element(t: Token, children: ReactNode[], key: number): ReactNode {
  switch (t.type) {
    case 'paragraph_open':
      // Paragraphs of a tight list are not drawn as paragraphs.
      return t.hidden ? <Fragment key={key}>{children}</Fragment> : <p key={key}>{children}</p>;
    case 'heading_open': {
      const H = heading(t.tag);
      return <H key={key}>{children}</H>;
    }
    case 'blockquote_open':
      return <blockquote key={key}>{children}</blockquote>;
    case 'bullet_list_open':
      return <ul key={key}>{children}</ul>;
    case 'ordered_list_open': {
      const start = Number(t.attrGet('start') ?? 1);
      return (
        <ol key={key} start={Number.isSafeInteger(start) && start !== 1 ? start : undefined}>
          {children}
        </ol>
      );
    }
    case 'list_item_open': {
      const task = (t.meta as { task?: boolean } | null)?.task;
      if (task === undefined) return <li key={key}>{children}</li>;
      return (
        <li key={key} className={task ? 'task done' : 'task'}>
          <span className="task-box" aria-hidden="true">
            {task ? '✓' : ''}
          </span>
          <span className="visually-hidden">{task ? 'Done: ' : 'To do: '}</span>
          {children}
        </li>
      );
    }
    case 'table_open':
      return (
        <div key={key} className="md-table">
          <table>{children}</table>
        </div>
      );
    case 'thead_open':
      return <thead key={key}>{children}</thead>;
    case 'tbody_open':
      return <tbody key={key}>{children}</tbody>;
    case 'tr_open':
      return <tr key={key}>{children}</tr>;
    case 'th_open':
      return (
        <th key={key} style={{ textAlign: cellAlign(t) }}>
          {children}
        </th>
      );
    case 'td_open':
      return (
        <td key={key} style={{ textAlign: cellAlign(t) }}>
          {children}
        </td>
      );
    case 'strong_open':
      return <strong key={key}>{children}</strong>;
    case 'em_open':
      return <em key={key}>{children}</em>;
    case 's_open':
      return <del key={key}>{children}</del>;
    case 'link_open': {
      const href = safeHref(attr(t, 'href'));
      if (!href) return <Fragment key={key}>{children}</Fragment>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      );
    }
    default:
      return <Fragment key={key}>{children}</Fragment>;
  }
}

function leaf(t: Token, key: number): ReactNode {
  switch (t.type) {
    case 'text':
    case 'emoji':
      return t.content;
    case 'softbreak':
    case 'hardbreak':
      return <br key={key} />;
    case 'code_inline':
      return <code key={key}>{t.content}</code>;
    case 'fence':
    case 'code_block':
      return (
        <CodeBlock
          key={key}
          code={t.content.replace(/\n$/, '')}
          lang={t.info.trim().split(/\s+/)[0]}
        />
      );
    case 'hr':
      return <hr key={key} />;
    case 'mention':
      return (
        <span
          key={key}
          className={(t.meta as { me?: boolean }).me ? 'mention mention-me' : 'mention'}
        >
          @{t.content}
        </span>
      );
    case 'image': {
      // Images from anywhere would let a message track its readers: shown as a link.
      const href = safeHref(attr(t, 'src'));
      const alt = build(t.children ?? []);
      if (!href) return <Fragment key={key}>{alt}</Fragment>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {alt.length > 0 ? alt : href}
        </a>
      );
    }
    case 'inline':
      return <Fragment key={key}>{build(t.children ?? [])}</Fragment>;
    default:
      // Anything else (html is off, so no raw HTML tokens) is shown as the text it holds.
      return t.content || null;
  }
}

/**
 * Builds the element tree of `tokens`. `suffix` goes at the end of the last top-level
 * paragraph (the "(edited)" marker), or after everything when the message ends otherwise.
 */
export function build(tokens: Token[], suffix?: ReactNode): ReactNode[] {
  markTasks(tokens);
  const stack: Frame[] = [{ children: [] }];
  const last = tokens.length - 1;
  let placed = suffix === undefined;
  tokens.forEach((t, i) => {
    const top = stack.at(-1)!;
    if (t.nesting === 1) {
      stack.push({ token: t, children: [] });
    } else if (t.nesting === -1 && stack.length > 1) {
      const frame = stack.pop()!;
      if (!placed && i === last && t.type === 'paragraph_close') {
        frame.children.push(' ', <Fragment key="suffix">{suffix}</Fragment>);
        placed = true;
      }
      stack.at(-1)!.children.push(element(frame.token!, frame.children, i));
    } else {
      top.children.push(leaf(t, i));
    }
  });
  const out = stack[0]!.children;
  if (!placed) out.push(<Fragment key="suffix">{suffix}</Fragment>);
  return out;
}

/**
 * Draws a message's markdown (parser.ts) as React elements (renderTokens.tsx), never as HTML:
 * a message can format itself but never inject markup or script.
 */
import { useMemo, type ReactNode } from 'react';
import { parseMessage } from './parser.js';
import { build } from './renderTokens.js';

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
  const nodes = useMemo(
    () => build(parseMessage(text, { names, me }), suffix),
    [text, names, me, suffix],
  );
  // A message of one to three emoji reads better large, as in other chat apps.
  const jumbo = EMOJI_ONLY.test(text) && [...text.replace(/\s/g, '')].length <= 6;
  return <div className={jumbo ? 'md md-jumbo' : 'md'}>{nodes}</div>;
}

/** A code block: plain at once, coloured when the highlighter (loaded lazily) has it. */
import { useEffect, useState, type CSSProperties } from 'react';
import { highlight, knownLanguage, type CodeToken } from './highlight.js';

/** Props: the code and the fence's language word. */
export interface CodeBlockProps {
  code: string;
  lang?: string;
}

/** The block. */
export function CodeBlock({ code, lang }: CodeBlockProps) {
  const id = knownLanguage(lang);
  const [lines, setLines] = useState<CodeToken[][]>();
  useEffect(() => {
    if (!id || typeof window === 'undefined') return;
    let live = true;
    highlight(code, id).then(
      (l) => live && setLines(l),
      // Highlighting is a nicety: on failure the plain block stays.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code, id]);
  return (
    <pre className={id ? `code lang-${id}` : undefined}>
      <code>
        {lines
          ? lines.map((line, i) => (
              <span key={i} className="code-line">
                {line.map((t, j) => (
                  <span key={j} style={{ color: t.light, '--dark': t.dark } as CSSProperties}>
                    {t.content}
                  </span>
                ))}
                {i < lines.length - 1 && '\n'}
              </span>
            ))
          : code}
      </code>
    </pre>
  );
}

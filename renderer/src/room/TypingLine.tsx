/** "Alice is typing…" under the list; always takes its line so the list does not jump. */
import { neutralise } from '../helpers/bidi.js';

/** Props: names of the people typing (never the reader). */
export function TypingLine({ names: raw }: { names: readonly string[] }) {
  const names = raw.map(neutralise);
  let text = '';
  if (names.length === 1) text = `${names[0]} is typing…`;
  else if (names.length === 2) text = `${names[0]} and ${names[1]} are typing…`;
  else if (names.length > 2) text = 'Several people are typing…';
  return (
    <div className="typing-line" aria-live="polite">
      {text && (
        <>
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {text}
        </>
      )}
    </div>
  );
}

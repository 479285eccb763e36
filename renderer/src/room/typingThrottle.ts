/**
 * When the composer tells the room "I'm typing". Receivers expire an indicator after a few
 * seconds, so while typing goes on `true` is repeated, but at most every `intervalMs`; `false`
 * goes out once, when the text is sent, cleared or the box loses focus.
 */

/** Feeds composer activity in, sends typing frames out. */
export interface TypingThrottle {
  /** The text changed. */
  input(text: string): void;
  /** Typing stopped (sent, cleared, blurred, room left). */
  stop(): void;
}

/** Builds a throttle around `send`. */
export function createTypingThrottle(
  send: (typing: boolean) => void,
  intervalMs = 3000,
  now: () => number = Date.now,
): TypingThrottle {
  let typing = false;
  let lastTrue = -Infinity;
  const stop = () => {
    if (!typing) return;
    typing = false;
    send(false);
  };
  return {
    input(text) {
      if (text.trim() === '') return stop();
      const t = now();
      if (!typing || t - lastTrue >= intervalMs) {
        typing = true;
        lastTrue = t;
        send(true);
      }
    },
    stop,
  };
}

/**
 * App-wide keys: Ctrl/Cmd+K opens the room switcher, Alt+Up/Down walk the room list, Ctrl/Cmd+F
 * searches the open room and Ctrl/Cmd+Shift+F everywhere.
 */
import { useEffect, useRef } from 'react';

/** What the keys do. */
export interface Hotkeys {
  switcher(): void;
  nextRoom(step: 1 | -1): void;
  search?(scope: 'room' | 'all'): void;
}

/** Listens on the window while mounted. */
export function useHotkeys(keys: Hotkeys): void {
  const ref = useRef(keys);
  ref.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        (e.ctrlKey || e.metaKey) &&
        !e.altKey &&
        e.key.toLowerCase() === 'f' &&
        ref.current.search
      ) {
        e.preventDefault();
        ref.current.search(e.shiftKey ? 'all' : 'room');
      } else if (
        (e.ctrlKey || e.metaKey) &&
        !e.altKey &&
        !e.shiftKey &&
        e.key.toLowerCase() === 'k'
      ) {
        e.preventDefault();
        ref.current.switcher();
      } else if (
        e.altKey &&
        !e.ctrlKey &&
        !e.metaKey &&
        (e.key === 'ArrowUp' || e.key === 'ArrowDown')
      ) {
        e.preventDefault();
        ref.current.nextRoom(e.key === 'ArrowDown' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

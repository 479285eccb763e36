/**
 * The sidebar as a drawer on a phone: open and close, Esc, focus into the drawer when it opens
 * and back to the menu button when it closes, and swipes (from the left edge to open, to the
 * left to close).
 */
import { useCallback, useEffect, useRef, useState, type TouchEvent } from 'react';
import { useNarrow } from '../hooks/useNarrow.js';

/** A swipe must travel this far sideways (and more sideways than down) to count. */
const SWIPE_PX = 60;
/** Opening swipes start this close to the left edge. */
const EDGE_PX = 28;

/** What the screen needs to draw and drive the drawer. */
export interface Drawer {
  /** True on a phone-narrow window. */
  narrow: boolean;
  /** True while the drawer is out (only ever on a narrow window). */
  open: boolean;
  show(): void;
  hide(): void;
  /** Handlers for the whole screen: swipes. */
  touch: {
    onTouchStart(e: TouchEvent): void;
    onTouchEnd(e: TouchEvent): void;
  };
  /** The drawer element (focus goes into it on open). */
  panel: React.RefObject<HTMLElement | null>;
  /** The menu button (focus comes back to it on close). */
  button: React.RefObject<HTMLButtonElement | null>;
}

/** The drawer's state and behaviour. */
export function useDrawer(): Drawer {
  const narrow = useNarrow();
  const [shown, setShown] = useState(false);
  const open = narrow && shown;
  const panel = useRef<HTMLElement | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const start = useRef<{ x: number; y: number } | undefined>(undefined);
  const wasOpen = useRef(false);

  const show = useCallback(() => setShown(true), []);
  const hide = useCallback(() => setShown(false), []);

  useEffect(() => {
    if (open) {
      wasOpen.current = true;
      const first = panel.current?.querySelector<HTMLElement>(
        '[aria-current="page"], button:not([disabled])',
      );
      first?.focus({ preventScroll: true });
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        setShown(false);
      };
      window.addEventListener('keydown', onKey);
      return () => window.removeEventListener('keydown', onKey);
    }
    // Closed by Esc or the backdrop: focus goes back to the menu button, unless something in
    // the drawer (a room) moved it on purpose.
    if (wasOpen.current) {
      wasOpen.current = false;
      const active = document.activeElement;
      if (!active || active === document.body || panel.current?.contains(active))
        button.current?.focus({ preventScroll: true });
    }
  }, [open]);

  const touch = {
    onTouchStart(e: TouchEvent) {
      const t = e.touches[0];
      start.current = t && e.touches.length === 1 ? { x: t.clientX, y: t.clientY } : undefined;
    },
    onTouchEnd(e: TouchEvent) {
      const from = start.current;
      const t = e.changedTouches[0];
      start.current = undefined;
      if (!narrow || !from || !t) return;
      const dx = t.clientX - from.x;
      const dy = Math.abs(t.clientY - from.y);
      if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < dy * 1.5) return;
      if (dx > 0 && !open && from.x <= EDGE_PX) setShown(true);
      else if (dx < 0 && open) setShown(false);
    },
  };

  return { narrow, open, show, hide, touch, panel, button };
}

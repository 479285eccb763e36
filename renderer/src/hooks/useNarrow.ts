/** Whether the window is phone-narrow (the sidebar becomes a drawer below this width). */
import { useSyncExternalStore } from 'react';

/** The width, in CSS pixels, at and below which the layout is the phone one (see styles). */
export const NARROW_MAX_WIDTH = 700;

const query =
  typeof matchMedia === 'function' ? matchMedia(`(max-width: ${NARROW_MAX_WIDTH}px)`) : undefined;

function subscribe(listener: () => void): () => void {
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

/** True while the window is at most NARROW_MAX_WIDTH wide. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => !!query?.matches);
}

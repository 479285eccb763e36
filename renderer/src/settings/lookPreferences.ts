/**
 * How the app looks on this device: theme and message density. Kept in localStorage (a look is
 * a choice per screen, not per account) and applied as data attributes on <html>, which the
 * stylesheets read.
 */
import { useSyncExternalStore } from 'react';

/** The theme a person picks; "system" follows the operating system's light or dark mode. */
export type ThemeChoice = 'system' | 'light' | 'dark';
/** How much room each message takes. */
export type Density = 'comfortable' | 'compact';

/** The look of this device. */
export interface LookPreferences {
  theme: ThemeChoice;
  density: Density;
}

const KEY = 'parley.look';
const DEFAULTS: LookPreferences = { theme: 'system', density: 'comfortable' };
const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const DENSITIES: readonly Density[] = ['comfortable', 'compact'];

function read(): LookPreferences {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    return {
      theme: THEMES.find((t) => t === o.theme) ?? DEFAULTS.theme,
      density: DENSITIES.find((d) => d === o.density) ?? DEFAULTS.density,
    };
  } catch {
    // Storage blocked or a broken value: the defaults are a fine look.
    return DEFAULTS;
  }
}

let current = read();
const listeners = new Set<() => void>();
const darkQuery =
  typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

function apply(): void {
  const root = document.documentElement;
  const dark = current.theme === 'dark' || (current.theme === 'system' && !!darkQuery?.matches);
  root.dataset.theme = dark ? 'dark' : 'light';
  root.dataset.density = current.density;
  root.style.colorScheme = dark ? 'dark' : 'light';
}

/** Applies the stored look at once (call before the first render) and follows system changes. */
export function startLook(): void {
  apply();
  darkQuery?.addEventListener('change', apply);
  // Another tab of the same app changed the look.
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    current = read();
    apply();
    listeners.forEach((l) => l());
  });
}

/** Changes part of the look, stores it and applies it. */
export function setLook(change: Partial<LookPreferences>): void {
  current = { ...current, ...change };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Not stored (private mode, quota): the look still applies for this session.
  }
  apply();
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current look, re-rendering on change. */
export function useLook(): LookPreferences {
  return useSyncExternalStore(subscribe, () => current);
}

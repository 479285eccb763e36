/** Sizes as people read them (1024-based, as file managers show them): 0 B, 999 B, 1.5 KB, 12 MB. */

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** 0 B, 999 B, 1.5 KB, 12 MB, 2 GB. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${Math.max(0, Math.round(n || 0))} B`;
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

/** How sizes, times and days read in the UI. */

/** Sizes: the engine's formatter, so its messages and the UI agree. */
export { formatBytes } from '../../../shared/client/formatBytes.js';

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const dayFmt = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
});
const dayYearFmt = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  year: 'numeric',
});

/** 14:05 (or 2:05 PM, as the locale writes it). */
export function formatTime(ts: number): string {
  return timeFmt.format(ts);
}

/** The full date and time, for tooltips. */
export function formatFull(ts: number): string {
  return fullFmt.format(ts);
}

/** A key that is equal for two times on the same local day. */
export function dayKey(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** "Today", "Yesterday", "Monday, March 3" or with the year when it is not this year. */
export function formatDay(ts: number, now = Date.now()): string {
  if (dayKey(ts) === dayKey(now)) return 'Today';
  if (dayKey(ts) === dayKey(now - 86_400_000)) return 'Yesterday';
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? dayFmt : dayYearFmt).format(ts);
}

/** Avatar colours people can pick, and a stable default for a name. */

/** Colours that read well with white text in both themes. */
export const AVATAR_COLORS = [
  '#e8590c',
  '#d6336c',
  '#ae3ec9',
  '#7048e8',
  '#1c7ed6',
  '#0c8599',
  '#2b8a3e',
  '#5c940d',
] as const;

/** The same name always gets the same colour, so a fresh sign-in looks familiar. */
export function colorForName(name: string): string {
  let h = 0;
  for (const ch of name.toLowerCase()) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length]!;
}

/** Dark or light text for a #rrggbb background. */
export function textOn(color: string): string {
  const n = Number.parseInt(color.slice(1), 16);
  if (!Number.isFinite(n)) return '#fff';
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return 0.299 * r + 0.587 * g + 0.114 * b > 170 ? '#1d1d1f' : '#fff';
}

/** The first character of a name (a whole emoji or accented letter, not half of one). */
export function initialOf(name: string): string {
  const first = [
    ...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name.trim()),
  ][0];
  return (first?.segment ?? '?').toUpperCase();
}

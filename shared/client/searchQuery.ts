/**
 * The search box's little language: words, plus `in:#room` / `in:@person` (a DM),
 * `from:@person`, `has:file`, `before:YYYY-MM-DD` and `after:YYYY-MM-DD`. Names with spaces
 * go in quotes: `from:@"Ann Lee"`.
 */

/** A parsed search box, before names are resolved to ids. */
export interface ParsedSearch {
  words: string[];
  inRooms: string[];
  inDms: string[];
  from: string[];
  hasFile: boolean;
  /** Local calendar days, as written. */
  before?: string;
  after?: string;
}

/** Splits on spaces, keeping quoted runs together (quotes removed). */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /(\S*?)"([^"]*)"(\S*)|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m[4] ?? `${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`);
  }
  return out;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses the search box; throws an Error with a readable message for a bad filter. */
export function parseSearch(text: string): ParsedSearch {
  const q: ParsedSearch = { words: [], inRooms: [], inDms: [], from: [], hasFile: false };
  for (const t of tokens(text)) {
    const colon = t.indexOf(':');
    const key = colon > 0 ? t.slice(0, colon).toLowerCase() : '';
    const value = t.slice(colon + 1);
    if (key === 'in' && value.startsWith('#') && value.length > 1) q.inRooms.push(value.slice(1));
    else if (key === 'in' && value.startsWith('@') && value.length > 1)
      q.inDms.push(value.slice(1));
    else if (key === 'from' && value.length > 0) q.from.push(value.replace(/^@/, ''));
    else if (key === 'has' && value.toLowerCase() === 'file') q.hasFile = true;
    else if (key === 'before' || key === 'after') {
      const d = DAY.exec(value);
      if (!d || Number.isNaN(new Date(`${value}T00:00:00`).getTime()))
        throw new Error(`${key}: give a day as YYYY-MM-DD, e.g. ${key}:2026-01-31`);
      q[key] = value;
    } else q.words.push(t);
  }
  return q;
}

/** Start of a local calendar day, in ms. */
export function startOfDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/** Start of the local day after the given one, in ms. */
export function startOfNextDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

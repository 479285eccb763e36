/** Percentile of a sample (nearest rank); NaN for an empty sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

/** Rounds for display and JSON. */
export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Prints an aligned text table to stdout. */
export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`\n${title}`);
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  out(cols.map((c, i) => c.padEnd(width[i]!)).join('  '));
  out(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) out(cols.map((c, i) => String(r[c]).padEnd(width[i]!)).join('  '));
}

/** Sleeps. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Counts wrong guesses per key (an address, a name) in a fixed window; past the limit the key is
 * refused until the window is over. Bounded: past 10 000 keys it drops expired entries, then
 * the oldest, never everyone's count at once.
 */
export class GuessLimit {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Whether the key has used up its wrong guesses for now. */
  blocked(key: string, now = Date.now()): boolean {
    const r = this.failures.get(key);
    return r !== undefined && r.until > now && r.count >= this.limit;
  }

  /** Records one wrong guess. */
  failed(key: string, now = Date.now()): void {
    const r = this.failures.get(key);
    if (!r || r.until <= now) this.failures.set(key, { count: 1, until: now + this.windowMs });
    else r.count++;
    if (this.failures.size <= this.maxKeys) return;
    for (const [k, v] of this.failures) if (v.until <= now) this.failures.delete(k);
    for (const k of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) break;
      this.failures.delete(k);
    }
  }

  /** Forgets a key's wrong guesses (after a right one). */
  clear(key: string): void {
    this.failures.delete(key);
  }
}

/** Token bucket: `perSecond` sustained, bursts up to `burst`. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the caller is over its rate. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** A token bucket per key (an address, a user), with a bounded number of keys. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, RateLimiter>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one token for the key; false when that key is over its rate. */
  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      // Forget the longest-unused key; a forgotten key starts with a full bucket again.
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = new RateLimiter(this.perSecond, this.burst);
    }
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    return bucket.take();
  }
}

import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter, RateLimiter } from '../../../../../electron/server/hub/rateLimiter.js';

/** A clock the test moves by hand, in milliseconds. */
function fakeClock(start = 1_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

function takeN(limiter: RateLimiter, n: number): boolean[] {
  return Array.from({ length: n }, () => limiter.take());
}

describe('RateLimiter', () => {
  it('allows a full burst at once, then refuses', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(2, 5, clock.now);
    expect(takeN(limiter, 5)).toEqual([true, true, true, true, true]);
    expect(limiter.take()).toBe(false);
    expect(limiter.take()).toBe(false);
  });

  it('refills at perSecond', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(2, 5, clock.now);
    takeN(limiter, 5);
    clock.advance(499);
    expect(limiter.take()).toBe(false);
    clock.advance(1); // 500 ms at 2/s = one token
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    clock.advance(1000);
    expect(takeN(limiter, 3)).toEqual([true, true, false]);
  });

  it('accumulates fractional refills across refused calls', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(4, 1, clock.now);
    expect(limiter.take()).toBe(true);
    // 4 refused attempts 50 ms apart: 200 ms = 0.8 tokens, still not enough.
    for (let i = 0; i < 4; i++) {
      clock.advance(50);
      expect(limiter.take()).toBe(false);
    }
    clock.advance(50); // 250 ms in total = one token
    expect(limiter.take()).toBe(true);
  });

  it('never stores more than the burst, however long it was idle', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(10, 3, clock.now);
    takeN(limiter, 3);
    clock.advance(60 * 60 * 1000);
    expect(takeN(limiter, 4)).toEqual([true, true, true, false]);
  });

  it('sustains exactly perSecond over time', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(10, 10, clock.now);
    takeN(limiter, 10);
    let allowed = 0;
    // Try 100 times a second for 5 seconds.
    for (let i = 0; i < 500; i++) {
      clock.advance(10);
      if (limiter.take()) allowed++;
    }
    expect(allowed).toBeGreaterThanOrEqual(49);
    expect(allowed).toBeLessThanOrEqual(50);
  });

  it('keeps separate buckets for separate limiters', () => {
    const clock = fakeClock();
    const a = new RateLimiter(1, 1, clock.now);
    const b = new RateLimiter(1, 1, clock.now);
    expect(a.take()).toBe(true);
    expect(a.take()).toBe(false);
    expect(b.take()).toBe(true);
  });

  it('works with the real clock by default', () => {
    const limiter = new RateLimiter(1, 2);
    expect(takeN(limiter, 3)).toEqual([true, true, false]);
  });
});

describe('KeyedRateLimiter', () => {
  it('limits each key on its own and forgets the longest-unused key past the bound', () => {
    const keyed = new KeyedRateLimiter(0.001, 2, 2);
    expect([keyed.take('a'), keyed.take('a'), keyed.take('a')]).toEqual([true, true, false]);
    expect(keyed.take('b')).toBe(true);
    // A third key pushes out the longest-unused one ("a"), which starts afresh.
    expect(keyed.take('c')).toBe(true);
    expect(keyed.take('a')).toBe(true);
  });
});

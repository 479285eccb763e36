import { ParleyError } from '../../../shared/protocol/index.js';
import { secretEquals } from './ids.js';

/** How server-password guessing is slowed down (see docs/protocol.md §8). */
export interface PasswordGateOptions {
  /** Wrong guesses an address may make before each further check waits. Default 5. */
  freePerAddress: number;
  /** The first wait; each further wrong guess doubles it. Default 1 s. */
  baseDelayMs: number;
  /** The longest wait of one address. Default 60 s. */
  maxDelayMs: number;
  /** Wrong guesses the whole server allows in a burst (all addresses together). Default 30. */
  serverBurst: number;
  /** One more server-wide guess every this many ms. Default 2 s. */
  serverRefillMs: number;
}

/** The defaults of PasswordGateOptions. */
export const PASSWORD_GATE_DEFAULTS: PasswordGateOptions = {
  freePerAddress: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  serverBurst: 30,
  serverRefillMs: 2000,
};

/** An address's wrong guesses are forgotten this long after its last one. */
const FORGET_AFTER_MS = 10 * 60_000;
/** Hellos of one address that may wait at once; more are refused. */
const WAITING_PER_ADDRESS = 3;
/** Hellos that may wait for a server-wide guess at once; more are refused. */
const WAITING_SERVER_WIDE = 100;
/** Addresses whose counts are kept (expired, then oldest, forgotten first). */
const MAX_ADDRESSES = 10_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Slows server-password guessing down instead of locking people out. Each address may guess
 * wrong `freePerAddress` times; after that its every check waits (the hello is held) until
 * `baseDelayMs · 2^(n − free)` (at most `maxDelayMs`) after its n-th wrong guess. On top, all
 * addresses share a bucket of `serverBurst` wrong guesses refilled one per `serverRefillMs`:
 * while it is empty, checks wait their turn, so many addresses cannot multiply the rate. A right
 * password always gets in once its wait is over, and clears its address's count.
 */
export class PasswordGate {
  private readonly addresses = new Map<string, { count: number; last: number; waiting: number }>();
  private tokens: number;
  private refilledAt = Date.now();
  private turns: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(private readonly o: PasswordGateOptions = PASSWORD_GATE_DEFAULTS) {
    this.tokens = o.serverBurst;
  }

  /** Waits as the rule says, then compares; resolves whether the password was right. */
  async check(ip: string, given: string, password: string): Promise<boolean> {
    const now = Date.now();
    let rec = this.addresses.get(ip);
    if (rec && rec.waiting === 0 && now - rec.last > FORGET_AFTER_MS) rec = undefined;
    if (!rec) {
      rec = { count: 0, last: now, waiting: 0 };
      this.addresses.set(ip, rec);
      this.bound(now);
    }
    if (rec.waiting >= WAITING_PER_ADDRESS)
      throw new ParleyError(
        'rate_limited',
        'Too many password attempts from your address at once; wait for the answers.',
      );
    rec.waiting++;
    try {
      const over = rec.count - this.o.freePerAddress;
      if (over >= 0) {
        const delay = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** over);
        const wait = rec.last + delay - Date.now();
        if (wait > 0) await sleep(wait);
      }
      await this.serverTurn();
      if (secretEquals(given, password)) {
        this.tokens = Math.min(this.o.serverBurst, this.tokens + 1); // a right one costs nothing
        this.addresses.delete(ip);
        return true;
      }
      rec.count++;
      rec.last = Date.now();
      return false;
    } finally {
      rec.waiting--;
    }
  }

  /** Takes one server-wide guess, waiting in line while there is none. */
  private async serverTurn(): Promise<void> {
    this.refill();
    if (this.queued === 0 && this.tokens >= 1) {
      this.tokens--;
      return;
    }
    if (this.queued >= WAITING_SERVER_WIDE)
      throw new ParleyError(
        'rate_limited',
        'The server is slowing down password guesses; try again in a minute.',
      );
    this.queued++;
    const turn = this.turns.then(async () => {
      this.refill();
      while (this.tokens < 1) {
        await sleep(Math.ceil((1 - this.tokens) * this.o.serverRefillMs));
        this.refill();
      }
      this.tokens--;
    });
    this.turns = turn;
    try {
      await turn;
    } finally {
      this.queued--;
    }
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(
      this.o.serverBurst,
      this.tokens + (now - this.refilledAt) / this.o.serverRefillMs,
    );
    this.refilledAt = now;
  }

  private bound(now: number): void {
    if (this.addresses.size <= MAX_ADDRESSES) return;
    for (const [ip, r] of this.addresses)
      if (r.waiting === 0 && now - r.last > FORGET_AFTER_MS) this.addresses.delete(ip);
    for (const [ip, r] of this.addresses) {
      if (this.addresses.size <= MAX_ADDRESSES) break;
      if (r.waiting === 0) this.addresses.delete(ip);
    }
  }
}

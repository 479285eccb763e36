import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { ParleyError } from '../../../shared/protocol/index.js';
import type { Hub } from '../hub/hub.js';
import type { StoredSecret, StoredUser } from '../store/records.js';
import type { Directory } from './directory.js';
import { GuessLimit } from './guessLimit.js';
import { hashToken, nameKey } from './ids.js';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt cost: 16 MiB and tens of milliseconds per guess, on the libuv pool (not the event loop). */
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** Sign-in codes: Crockford base32 (no I, L, O, U), 16 characters = 80 bits, shown as 4 groups. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Wrong personal passwords per remote address per minute. */
export const WRONG_PER_ADDRESS = 10;
/** Wrong personal passwords per name per 15 minutes, from all addresses together. */
export const WRONG_PER_NAME = 20;

async function hashSecret(password: string): Promise<StoredSecret> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, {
    ...SCRYPT,
    maxmem: 64 * 1024 * 1024,
  });
  return { salt: salt.toString('base64url'), hash: hash.toString('base64url'), ...SCRYPT };
}

async function secretMatches(password: string, s: StoredSecret): Promise<boolean> {
  const expected = Buffer.from(s.hash, 'base64url');
  const got = await scryptAsync(
    password.normalize('NFC'),
    Buffer.from(s.salt, 'base64url'),
    expected.length,
    {
      N: s.N,
      r: s.r,
      p: s.p,
      maxmem: 64 * 1024 * 1024,
    },
  );
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** A code as typed: case, spaces and dashes do not matter. */
const normalizeCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');
const hashCode = (code: string): string =>
  createHash('sha256')
    .update(`parley-code:${normalizeCode(code)}`)
    .digest('base64url');

/**
 * Names that survive sign-out: a personal password (or a one-time sign-in code) lets a person
 * sign in again with their name from any device. Only slow salted hashes are stored; wrong
 * guesses are limited per address and per name.
 */
export class Identity {
  private readonly byAddress = new GuessLimit(WRONG_PER_ADDRESS, 60_000);
  private readonly byName = new GuessLimit(WRONG_PER_NAME, 15 * 60_000);

  constructor(
    private readonly directory: Directory,
    private readonly hub: Hub,
  ) {}

  /** Whether the name is protected by a personal password. */
  isProtected(user: StoredUser): boolean {
    return user.secret !== undefined;
  }

  /** Sets (or replaces) the personal password and tells every session of the person. */
  async protect(userId: string, password: string): Promise<void> {
    const user = this.require(userId);
    user.secret = await hashSecret(password);
    await this.directory.save(user);
    this.hub.toUsers([userId], { type: 'identity', protected: true });
  }

  /** A new one-time sign-in code; only its hash is kept, and it replaces an unused one. */
  async newCode(userId: string): Promise<string> {
    const user = this.require(userId);
    let code = '';
    for (let i = 0; i < 16; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    user.codeHash = hashCode(code);
    await this.directory.save(user);
    return code.match(/.{4}/g)!.join('-');
  }

  /** Signs in with a name and its personal password or code; a new token for the new device. */
  async signIn(
    ip: string,
    name: string,
    given: string,
  ): Promise<{ user: StoredUser; token: string }> {
    const key = nameKey(name);
    if (this.byAddress.blocked(ip) || this.byName.blocked(key)) {
      throw new ParleyError(
        'rate_limited',
        'Too many wrong personal passwords; wait a few minutes and try again.',
      );
    }
    const user = this.directory.byName(name);
    let ok = false;
    let usedCode = false;
    if (user?.codeHash && user.codeHash === hashCode(given)) ok = usedCode = true;
    else if (user?.secret) ok = await secretMatches(given, user.secret);
    if (!ok || !user) {
      this.byAddress.failed(ip);
      this.byName.failed(key);
      throw new ParleyError(
        'bad_password',
        'That name is not protected by this personal password or sign-in code.',
      );
    }
    this.byName.clear(key);
    // A code works once; a failed write below leaves it usable, which only helps its owner.
    if (usedCode) delete user.codeHash;
    const token = await this.directory.addToken(user);
    return { user, token };
  }

  /** Signs one device out: its token stops working, here and at the HTTP routes. */
  async signOut(userId: string, token: string): Promise<void> {
    await this.directory.revokeToken(this.require(userId), hashToken(token));
  }

  private require(userId: string): StoredUser {
    const user = this.directory.get(userId);
    if (!user) throw new ParleyError('not_found', 'No such user.');
    return user;
  }
}

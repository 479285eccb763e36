import { TOKEN_IDLE_EXPIRY_MS } from '../../../shared/protocol/index.js';
import type { StoredToken, StoredUser } from '../store/records.js';
import { hashToken, newToken } from './ids.js';

/** A token older than this is replaced by a fresh one at its next hello. */
export const TOKEN_ROTATE_AFTER_MS = 7 * 24 * 3600_000;
/** A replaced token keeps working this long, for a client that missed its successor. */
export const TOKEN_ROTATION_GRACE_MS = 24 * 3600_000;
/** lastUsedAt is stored at most this often per token, so a busy user costs few writes. */
const TOUCH_EVERY_MS = 3600_000;
/** Devices (tokens) one user may have; the one unused longest goes first. */
const MAX_TOKENS_PER_USER = 32;

/** What a token check found. */
export type TokenCheck =
  { ok: true; user: StoredUser; token: StoredToken } | { ok: false; reason: 'unknown' | 'expired' };

/**
 * Session tokens: many per user (one per device or tab), stored as SHA-256 hashes. They expire
 * after 30 days unused, rotate after 7 days (the old one works 24 h more), and are revoked all at
 * once by "sign out everywhere" and by a ban. Callers commit users.json after changes.
 */
export class Tokens {
  private readonly byHash = new Map<string, { user: StoredUser; token: StoredToken }>();

  constructor(private readonly now: () => number) {}

  /** Indexes a user's tokens; moves the token hashes of older data into the list. */
  index(user: StoredUser): void {
    const old = [user.tokenHash, ...(user.tokenHashes ?? [])].filter((h): h is string => !!h);
    if (old.length > 0) {
      const t = this.now();
      for (const hash of old) (user.tokens ??= []).push({ hash, createdAt: t, lastUsedAt: t });
    }
    delete user.tokenHash;
    delete user.tokenHashes;
    for (const token of user.tokens ?? []) this.byHash.set(token.hash, { user, token });
  }

  /** Makes a new token for the user; the returned string is the only copy of it. */
  issue(user: StoredUser): string {
    const value = newToken();
    const t = this.now();
    const token: StoredToken = { hash: hashToken(value), createdAt: t, lastUsedAt: t };
    const list = (user.tokens ??= []);
    list.push(token);
    this.byHash.set(token.hash, { user, token });
    if (list.length > MAX_TOKENS_PER_USER) {
      const oldest = list.reduce((a, b) => (b.lastUsedAt < a.lastUsedAt ? b : a));
      this.drop(user, oldest);
    }
    return value;
  }

  /** Who a token belongs to, if it is still valid. Banned users have no valid tokens. */
  check(value: string): TokenCheck {
    const found = this.byHash.get(hashToken(value));
    if (!found || found.user.bannedAt !== undefined) return { ok: false, reason: 'unknown' };
    const t = this.now();
    const { token } = found;
    const idle = t - token.lastUsedAt > TOKEN_IDLE_EXPIRY_MS;
    const replaced = token.rotatedAt !== undefined && t - token.rotatedAt > TOKEN_ROTATION_GRACE_MS;
    if (idle || replaced) {
      this.drop(found.user, token);
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, ...found };
  }

  /** Records a use; true when the change should be stored (at most hourly per token). */
  touch(token: StoredToken): boolean {
    const t = this.now();
    if (t - token.lastUsedAt < TOUCH_EVERY_MS) return false;
    token.lastUsedAt = t;
    return true;
  }

  /** A successor when the token is due for rotation (the old one then has a grace period). */
  rotateIfDue(user: StoredUser, token: StoredToken): string | undefined {
    const t = this.now();
    if (t - token.createdAt < TOKEN_ROTATE_AFTER_MS) return undefined;
    token.rotatedAt ??= t;
    return this.issue(user);
  }

  /** Revokes one token by its hash (one device signed out). */
  revokeHash(user: StoredUser, hash: string): void {
    const token = user.tokens?.find((x) => x.hash === hash);
    if (token) this.drop(user, token);
  }

  /** Revokes every token of a user. */
  revokeAll(user: StoredUser): void {
    for (const token of user.tokens ?? []) this.byHash.delete(token.hash);
    user.tokens = [];
  }

  private drop(user: StoredUser, token: StoredToken): void {
    this.byHash.delete(token.hash);
    user.tokens = (user.tokens ?? []).filter((x) => x !== token);
  }
}

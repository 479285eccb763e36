import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random url-safe id with a kind prefix (u_, r_, d_, f_). */
export function newId(prefix: 'u' | 'r' | 'd' | 'f', bytes = 9): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** A new session token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token: its SHA-256, so a copied users.json holds no usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Compares two secrets in constant time. */
export function secretEquals(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** Case- and width-insensitive key for uniqueness of names. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US');
}

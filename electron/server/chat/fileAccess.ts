import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FileAccess } from '../../../shared/protocol/index.js';
import type { Store } from '../store/store.js';

/** Credentials are issued per half hour and stay valid for the next half hour too. */
const WINDOW_MS = 30 * 60_000;

/**
 * Short-lived, signed credentials for the file routes only: `?access=` on downloads and
 * profile pictures, so a link or an <img> never carries the session token (which opens the
 * WebSocket and never expires). Stateless: `userId.expiresAtSeconds.HMAC-SHA256`, signed with
 * a key kept in parley.json, so they survive a restart. Within one half hour every request gets
 * the same credential, so file URLs stay stable and browsers keep their cached copies.
 */
export class FileAccessKeys {
  private constructor(private readonly key: Buffer) {}

  /** Loads the signing key from the data directory, making one the first time. */
  static async open(store: Store): Promise<FileAccessKeys> {
    const secrets = (store.meta.data.secrets ??= {});
    if (!secrets.fileAccessKey) {
      secrets.fileAccessKey = randomBytes(32).toString('base64url');
      await store.meta.commit();
    }
    return new FileAccessKeys(Buffer.from(secrets.fileAccessKey, 'base64url'));
  }

  /** A credential for this user, valid 30 to 60 minutes from now. */
  issue(userId: string, now = Date.now()): FileAccess {
    const expiresAt = (Math.floor(now / WINDOW_MS) + 2) * WINDOW_MS;
    const body = `${userId}.${expiresAt / 1000}`;
    return { access: `${body}.${this.sign(body)}`, expiresAt };
  }

  /** The user a credential was issued to, if it is genuine and not expired. */
  verify(access: string, now = Date.now()): string | undefined {
    const m = /^(u_[A-Za-z0-9_-]{4,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(access);
    if (!m) return undefined;
    const [, userId, exp, sig] = m;
    if (Number(exp) * 1000 <= now) return undefined;
    const expected = Buffer.from(this.sign(`${userId}.${exp}`));
    const given = Buffer.from(sig!);
    return given.length === expected.length && timingSafeEqual(given, expected)
      ? userId
      : undefined;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(`parley-files:${body}`).digest('base64url');
  }
}

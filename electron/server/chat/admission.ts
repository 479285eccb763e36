import { ParleyError, type ClientFrameOf, type Role } from '../../../shared/protocol/index.js';
import type { StoredInvite, StoredUser } from '../store/records.js';
import type { Directory } from './directory.js';
import type { Invites } from './invites.js';

/** Wrong server passwords (and wrong invites) one address may try per minute. */
const WRONG_SECRETS_PER_MINUTE = 10;

/** The host's own machine: the desktop app's engine connects from here. */
export const isLoopback = (ip: string): boolean =>
  ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

/** What admission needs. */
export interface AdmissionDeps {
  directory: Directory;
  invites: Invites;
  password: string | undefined;
  /** Checks the server password, slowed down (PasswordGate); throws bad_password. */
  checkPassword: (ip: string, given: string | undefined) => Promise<void>;
  /** The name that is the owner (`--owner NAME`). */
  owner: string | undefined;
  /** Desktop hosting: the first name registered from this machine becomes the owner. */
  ownerFromLoopback: boolean;
}

/** A new name let in: its role, and the invite use it took (stored or given back by the caller). */
export interface Admitted {
  role: Role;
  invite: StoredInvite | undefined;
}

/**
 * Who may register a new name: not a banned name; with an invite, or the password when the
 * server has one, or anyone when the server is neither password-protected nor invite-only.
 */
export class Admission {
  /** Wrong passwords and invites per remote address in the current minute. */
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(private readonly d: AdmissionDeps) {}

  /** Checks a registering hello; throws the documented error or takes an invite use. */
  async admit(ip: string, f: ClientFrameOf<'hello'>, name: string): Promise<Admitted> {
    const { directory, invites, password } = this.d;
    const existing = directory.byName(name);
    if (existing?.bannedAt !== undefined)
      throw new ParleyError('banned', `The name "${existing.name}" is banned from this server.`);
    this.checkFailureLimit(ip);
    let invite: StoredInvite | undefined;
    if (f.invite !== undefined) {
      try {
        invite = invites.take(f.invite);
      } catch (err) {
        this.failed(ip);
        throw err;
      }
    } else if (password !== undefined) {
      // Wrong passwords are slowed down by the password gate, per address and server-wide.
      await this.d.checkPassword(ip, f.password);
    } else if (invites.inviteOnly) {
      throw new ParleyError(
        'invite_required',
        'This server is invite-only; ask its owner or an admin for an invite link.',
      );
    }
    return { role: this.roleFor(name, ip), invite };
  }

  /** The role of a new user: owner when named by --owner, or the first one; else member. */
  private roleFor(name: string, ip: string): Role {
    const { owner, ownerFromLoopback, directory } = this.d;
    if (owner !== undefined) return sameName(owner, name) ? 'owner' : 'member';
    if (hasOwner(directory.all())) return 'member';
    return !ownerFromLoopback || isLoopback(ip) ? 'owner' : 'member';
  }

  private checkFailureLimit(ip: string): void {
    const record = this.failures.get(ip);
    if (record && record.until > Date.now() && record.count >= WRONG_SECRETS_PER_MINUTE) {
      throw new ParleyError(
        'rate_limited',
        'Too many wrong passwords from your address; wait a minute.',
      );
    }
  }

  private failed(ip: string): void {
    const now = Date.now();
    const record = this.failures.get(ip);
    if (!record || record.until <= now) this.failures.set(ip, { count: 1, until: now + 60_000 });
    else record.count++;
    if (this.failures.size > 10_000) {
      // Bounded: drop expired entries, then the oldest, never everyone's count at once.
      for (const [key, r] of this.failures) if (r.until <= now) this.failures.delete(key);
      for (const key of this.failures.keys()) {
        if (this.failures.size <= 10_000) break;
        this.failures.delete(key);
      }
    }
  }
}

const sameName = (a: string, b: string): boolean =>
  a.normalize('NFKC').toLocaleLowerCase('en-US') === b.normalize('NFKC').toLocaleLowerCase('en-US');

const hasOwner = (users: Iterable<StoredUser>): boolean => {
  for (const u of users) if (u.role === 'owner') return true;
  return false;
};

/**
 * At start: the --owner name (if registered) is the owner, and any other owner becomes an admin;
 * without --owner (and not desktop hosting), data from before roles gets its oldest user as owner.
 * Returns the users whose role changed (to be stored).
 */
export function settleOwner(
  users: StoredUser[],
  owner: string | undefined,
  ownerFromLoopback: boolean,
): StoredUser[] {
  const changed: StoredUser[] = [];
  if (owner !== undefined) {
    const named = users.find((u) => sameName(u.name, owner));
    if (!named) return [];
    for (const u of users) {
      if (u !== named && u.role === 'owner') {
        u.role = 'admin';
        changed.push(u);
      }
    }
    if (named.role !== 'owner') {
      named.role = 'owner';
      changed.push(named);
    }
    return changed;
  }
  if (ownerFromLoopback || hasOwner(users) || users.length === 0) return [];
  const oldest = users.reduce((a, b) => (b.createdAt < a.createdAt ? b : a));
  oldest.role = 'owner';
  return [oldest];
}

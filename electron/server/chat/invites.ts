import { randomBytes } from 'node:crypto';
import {
  DEFAULT_INVITE_LIFE_MS,
  ParleyError,
  type Invite,
} from '../../../shared/protocol/index.js';
import type { StoredInvite } from '../store/records.js';
import type { Store } from '../store/store.js';

/** Ended invites are kept this long (so their errors say why), then pruned. */
const KEEP_ENDED_MS = 30 * 24 * 3600_000;

/** The wire view of an invite. */
const view = (i: StoredInvite): Invite => ({
  code: i.code,
  createdBy: i.createdBy,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
  maxUses: i.maxUses,
  uses: i.uses,
});

/** Invites (single-use or N uses, with an expiry) and the invite-only switch, in access.json. */
export class Invites {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Whether new names need an invite (or the password). */
  get inviteOnly(): boolean {
    return this.store.access.data.inviteOnly;
  }

  /** Switches invite-only mode and stores it. */
  async setInviteOnly(on: boolean): Promise<void> {
    this.store.access.data.inviteOnly = on;
    await this.store.access.commit();
  }

  /** Makes and stores an invite. */
  async create(createdBy: string, maxUses = 1, lifeMs = DEFAULT_INVITE_LIFE_MS): Promise<Invite> {
    const t = this.now();
    const doc = this.store.access.data;
    doc.invites = doc.invites.filter(
      (i) => this.endedAt(i) === undefined || t - this.endedAt(i)! < KEEP_ENDED_MS,
    );
    const invite: StoredInvite = {
      code: randomBytes(16).toString('base64url'),
      createdBy,
      createdAt: t,
      expiresAt: t + lifeMs,
      maxUses,
      uses: 0,
    };
    doc.invites.push(invite);
    await this.store.access.commit();
    return view(invite);
  }

  /** Invites that can still be used, newest first. */
  list(): Invite[] {
    return this.store.access.data.invites
      .filter((i) => this.endedAt(i) === undefined)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(view);
  }

  /** Ends an invite at once. */
  async revoke(code: string): Promise<void> {
    const invite = this.find(code);
    if (!invite) throw new ParleyError('not_found', 'No such invite.');
    invite.revokedAt ??= this.now();
    await this.store.access.commit();
  }

  /**
   * Takes one use of an invite, synchronously (two guests racing for the last use cannot both
   * get it), or throws the documented error. Give it back with `giveBack` if the join fails.
   */
  take(code: string): StoredInvite {
    const invite = this.find(code);
    if (!invite)
      throw new ParleyError('invite_invalid', 'This invite link is not valid on this server.');
    if (invite.revokedAt !== undefined)
      throw new ParleyError('invite_revoked', 'This invite was revoked; ask for a new one.');
    if (invite.expiresAt <= this.now())
      throw new ParleyError('invite_expired', 'This invite has expired; ask for a new one.');
    if (invite.uses >= invite.maxUses)
      throw new ParleyError('invite_used_up', 'This invite has been used up; ask for a new one.');
    invite.uses++;
    return invite;
  }

  /** Returns a use taken for a join that did not happen. */
  giveBack(invite: StoredInvite): void {
    invite.uses = Math.max(0, invite.uses - 1);
  }

  /** Stores the uses taken. */
  commit(): Promise<void> {
    return this.store.access.commit();
  }

  private find(code: string): StoredInvite | undefined {
    return this.store.access.data.invites.find((i) => i.code === code);
  }

  private endedAt(i: StoredInvite): number | undefined {
    if (i.revokedAt !== undefined) return i.revokedAt;
    if (i.uses >= i.maxUses) return i.createdAt;
    if (i.expiresAt <= this.now()) return i.expiresAt;
    return undefined;
  }
}

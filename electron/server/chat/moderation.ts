import { CLOSE_REASONS, ParleyError, type Role } from '../../../shared/protocol/index.js';
import type { Hub } from '../hub/hub.js';
import type { StoredUser } from '../store/records.js';
import type { Directory } from './directory.js';

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1 };

/** The role of a stored user (absent means member). */
export const roleOf = (u: StoredUser): Role => u.role ?? 'member';

/** Owners and admins: kick, ban, roles. Each action needs a higher role than the target's. */
export class Moderation {
  constructor(
    private readonly directory: Directory,
    private readonly hub: Hub,
    private readonly now: () => number,
  ) {}

  /** The user, if an owner or admin; else forbidden. */
  requireStaff(userId: string): StoredUser {
    const user = this.directory.get(userId);
    if (!user || RANK[roleOf(user)] < RANK.admin)
      throw new ParleyError('forbidden', 'Only the owner and admins can do that.');
    return user;
  }

  /** Ends every session of a user: their sockets close with 4403 "kicked". */
  kick(actorId: string, targetId: string): void {
    this.target(actorId, targetId, 'kick');
    this.hub.closeUser(targetId, CLOSE_REASONS.kicked);
  }

  /** Revokes every token of a user, keeps the name out for good and closes their sockets. */
  async ban(actorId: string, targetId: string): Promise<void> {
    const target = this.target(actorId, targetId, 'ban');
    if (target.bannedAt !== undefined) return;
    target.bannedAt = this.now();
    this.directory.tokens.revokeAll(target);
    await this.directory.changed(target);
    this.hub.closeUser(targetId, CLOSE_REASONS.banned);
  }

  /** Makes someone an admin or a member. */
  async setRole(actorId: string, targetId: string, role: 'admin' | 'member'): Promise<void> {
    const actor = this.requireStaff(actorId);
    const target = this.target(actorId, targetId, 'change the role of');
    if (RANK[role] > RANK[roleOf(actor)])
      throw new ParleyError('forbidden', 'You cannot give a role higher than your own.');
    if (roleOf(target) === role) return;
    target.role = role;
    await this.directory.changed(target);
  }

  /**
   * "Sign out everywhere": revokes every token of the user and returns a fresh one for the
   * asking session, so the account is not lost with them (the caller closes the other sockets).
   */
  async revokeSessions(userId: string): Promise<string> {
    const user = this.directory.get(userId);
    if (!user) throw new ParleyError('not_found', 'No such user.');
    this.directory.tokens.revokeAll(user);
    const token = this.directory.tokens.issue(user);
    await this.directory.save(user);
    return token;
  }

  private target(actorId: string, targetId: string, verb: string): StoredUser {
    const actor = this.requireStaff(actorId);
    const target = this.directory.get(targetId);
    if (!target) throw new ParleyError('not_found', 'No such user.');
    if (target.id === actor.id) throw new ParleyError('forbidden', `You cannot ${verb} yourself.`);
    if (RANK[roleOf(actor)] <= RANK[roleOf(target)])
      throw new ParleyError(
        'forbidden',
        `Only someone with a higher role can ${verb} ${target.name}.`,
      );
    return target;
  }
}

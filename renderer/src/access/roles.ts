/** Role rules as the UI shows them (the server decides; this only hides what it would refuse). */
import type { Role } from '../../../shared/protocol/index.js';

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1 };

/** Shown next to a name. */
export const ROLE_LABEL: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
};

/** Whether someone may invite people and switch invite-only. */
export const isStaff = (role: Role | undefined): boolean => RANK[role ?? 'member'] >= RANK.admin;

/** Whether `me` may kick, ban or change the role of someone with `their` role. */
export const canModerate = (me: Role | undefined, their: Role | undefined): boolean =>
  isStaff(me) && RANK[me ?? 'member'] > RANK[their ?? 'member'];

import { LIMITS, ParleyError, type RoomSummary } from '../../../shared/protocol/index.js';
import type { Hub } from '../hub/hub.js';
import type { Store } from '../store/store.js';
import type { StoredRoom } from '../store/records.js';
import { nameKey, newId } from './ids.js';

/** Id of the room everyone is in from their first hello. */
export const GENERAL_ROOM_ID = 'r_general';

/** Rooms and DMs: who is in them, who may read them. */
export class Rooms {
  private readonly byId = new Map<string, StoredRoom>();
  private readonly memberSets = new Map<string, Set<string>>();

  constructor(
    private readonly store: Store,
    private readonly hub: Hub,
  ) {
    for (const r of store.rooms.data.rooms) this.index(r);
  }

  /** Creates "general" the first time a data directory is used. */
  async ensureGeneral(): Promise<void> {
    if (this.byId.has(GENERAL_ROOM_ID)) return;
    const room: StoredRoom = {
      id: GENERAL_ROOM_ID,
      kind: 'room',
      name: 'general',
      topic: 'Everyone on this server',
      createdBy: 'server',
      createdAt: Date.now(),
      members: [],
    };
    this.store.rooms.data.rooms.push(room);
    this.index(room);
    await this.store.rooms.commit();
  }

  /** A room by id, or a not_found error. */
  require(roomId: string): StoredRoom {
    const room = this.byId.get(roomId);
    if (!room) throw new ParleyError('not_found', `No room ${roomId}.`);
    return room;
  }

  /** Public rooms can be read by anyone on the server; private rooms and DMs by members only. */
  canRead(userId: string, room: StoredRoom): boolean {
    return (room.kind === 'room' && !room.private) || this.isMember(userId, room.id);
  }

  /** Whether the user receives the room's messages live. */
  isMember(userId: string, roomId: string): boolean {
    return this.memberSets.get(roomId)?.has(userId) ?? false;
  }

  /** The room if the user may read it; not_found for others' DMs and private rooms (ids leak nothing). */
  requireReadable(userId: string, roomId: string): StoredRoom {
    const room = this.byId.get(roomId);
    if (!room || !this.canRead(userId, room))
      throw new ParleyError('not_found', `No room ${roomId}.`);
    return room;
  }

  /** The room if the user is a member of it. */
  requireMember(userId: string, roomId: string): StoredRoom {
    const room = this.requireReadable(userId, roomId);
    if (!this.isMember(userId, roomId)) {
      throw new ParleyError('not_member', `Join ${room.name} before writing in it.`);
    }
    return room;
  }

  /** Member ids of a room. */
  members(roomId: string): ReadonlySet<string> {
    return this.memberSets.get(roomId) ?? new Set();
  }

  /** Rooms a user can see: every public room, their private rooms and their DMs. */
  visibleTo(userId: string): StoredRoom[] {
    return [...this.byId.values()].filter((r) => this.canRead(userId, r));
  }

  /** Creates a room (public, or private) with the creator in it. */
  async create(
    userId: string,
    name: string,
    topic: string,
    isPrivate = false,
  ): Promise<StoredRoom> {
    const key = nameKey(name);
    for (const r of this.byId.values()) {
      // Names of private rooms the creator cannot see must not leak through this error.
      if (r.kind === 'room' && nameKey(r.name) === key && this.canRead(userId, r)) {
        throw new ParleyError('name_taken', `A room named "${r.name}" already exists.`);
      }
    }
    const room: StoredRoom = {
      id: newId('r'),
      kind: 'room',
      name,
      topic,
      createdBy: userId,
      createdAt: Date.now(),
      members: [userId],
      ...(isPrivate ? { private: true } : {}),
    };
    this.store.rooms.data.rooms.push(room);
    this.index(room);
    await this.store.rooms.commit();
    return room;
  }

  /** Adds a member; false when they already were one. Callers check who may add whom. */
  async join(userId: string, room: StoredRoom): Promise<boolean> {
    if (room.kind === 'dm' && !this.isMember(userId, room.id)) {
      throw new ParleyError('forbidden', 'Direct messages have fixed members.');
    }
    if (this.isMember(userId, room.id)) return false;
    room.members.push(userId);
    this.memberSets.get(room.id)!.add(userId);
    try {
      await this.store.rooms.commit();
    } catch (err) {
      // Not stored, so not a member: memory must match the disk.
      room.members = room.members.filter((m) => m !== userId);
      this.memberSets.get(room.id)!.delete(userId);
      throw err;
    }
    return true;
  }

  /** Removes a member; false when they were not one. */
  async leave(userId: string, room: StoredRoom): Promise<boolean> {
    if (room.kind === 'dm') throw new ParleyError('forbidden', 'Direct messages cannot be left.');
    if (!this.isMember(userId, room.id)) return false;
    room.members = room.members.filter((m) => m !== userId);
    this.memberSets.get(room.id)!.delete(userId);
    await this.store.rooms.commit();
    return true;
  }

  /** The DM between two users, created on first use. */
  async openDm(a: string, b: string): Promise<{ room: StoredRoom; created: boolean }> {
    const [x, y] = [a, b].sort() as [string, string];
    // A note-to-self DM has one member; any other has the two, sorted.
    const key = x === y ? x : `${x},${y}`;
    const existing = [...this.byId.values()].find(
      (r) => r.kind === 'dm' && r.members.join(',') === key,
    );
    if (existing) return { room: existing, created: false };
    const room: StoredRoom = {
      id: newId('d'),
      kind: 'dm',
      name: '',
      topic: '',
      createdBy: a,
      createdAt: Date.now(),
      members: x === y ? [x] : [x, y],
    };
    this.store.rooms.data.rooms.push(room);
    this.index(room);
    await this.store.rooms.commit();
    return { room, created: true };
  }

  /** The room as `userId` sees it (membership, read marker, last sequence). */
  summary(userId: string, room: StoredRoom): RoomSummary {
    return {
      id: room.id,
      kind: room.kind,
      private: room.private === true,
      name: room.name,
      topic: room.topic,
      members: this.sampleMembers(userId, room),
      memberCount: room.members.length,
      joined: this.isMember(userId, room.id),
      lastSeq: this.store.messages.lastSeq(room.id),
      readSeq: this.store.reads.data.reads[userId]?.[room.id] ?? 0,
    };
  }

  /**
   * Member ids a summary lists: all of a small room; of a big one the receiving user, then
   * members online now, then the earliest members, up to LIMITS.summaryMembersMax. Bounded, so
   * a welcome to a server of 100k users stays small.
   */
  sampleMembers(userId: string, room: StoredRoom): string[] {
    const max = LIMITS.summaryMembersMax;
    if (room.members.length <= max) return [...room.members];
    const set = this.memberSets.get(room.id)!;
    const out = new Set<string>();
    if (set.has(userId)) out.add(userId);
    for (const id of this.hub.onlineUserIds()) {
      if (out.size >= max) break;
      if (set.has(id)) out.add(id);
    }
    for (const id of room.members) {
      if (out.size >= max) break;
      out.add(id);
    }
    return [...out];
  }

  /** Sends a room's new state to everyone who may read it (each sees their own membership and marker). */
  announce(room: StoredRoom): void {
    if (room.kind !== 'room') return;
    for (const userId of [...this.hub.onlineUserIds()]) {
      if (!this.canRead(userId, room)) continue;
      this.hub.toUsers([userId], { type: 'room:updated', room: this.summary(userId, room) });
    }
  }

  private index(r: StoredRoom): void {
    this.byId.set(r.id, r);
    this.memberSets.set(r.id, new Set(r.members));
  }
}

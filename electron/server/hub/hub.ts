import type { CloseReason, ServerFrame } from '../../../shared/protocol/index.js';
import type { Connection } from './connection.js';
import { messageJson } from '../store/messageLog.js';
import { TurnScheduler } from './sharedBatch.js';

/** Who is connected, per user; every fan-out serializes a frame once for all receivers. */
export class Hub {
  private readonly byUser = new Map<string, Set<Connection>>();
  /** Every open connection, authenticated or not. */
  readonly all = new Set<Connection>();
  /** Flushes every connection's queue once per event-loop turn, sharing built messages. */
  readonly turns = new TurnScheduler();

  /** Adds a connection that has not said hello yet. */
  add(conn: Connection): void {
    this.all.add(conn);
  }

  /** Marks a connection as belonging to a user (after hello). */
  bind(conn: Connection, userId: string): void {
    conn.userId = userId;
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(conn);
  }

  /** Forgets a closed connection. */
  remove(conn: Connection): void {
    this.all.delete(conn);
    if (!conn.userId) return;
    const set = this.byUser.get(conn.userId);
    set?.delete(conn);
    if (set?.size === 0) this.byUser.delete(conn.userId);
  }

  /** The open sessions of a user. */
  sessionsOf(userId: string): ReadonlySet<Connection> {
    return this.byUser.get(userId) ?? EMPTY;
  }

  /** Ids of users with at least one session. */
  onlineUserIds(): IterableIterator<string> {
    return this.byUser.keys();
  }

  /** Sends one frame to every session of the given users (optionally not to one connection). */
  toUsers(userIds: Iterable<string>, frame: ServerFrame, except?: Connection): void {
    const data = JSON.stringify(frame);
    if (userIds instanceof Set && userIds.size > this.byUser.size) {
      // Most of a big set (a room of everyone) is offline: walk the users online instead.
      for (const [id, set] of this.byUser) {
        if (!userIds.has(id)) continue;
        for (const c of set) if (c !== except) c.sendSerialized(data);
      }
      return;
    }
    for (const id of userIds) {
      const set = this.byUser.get(id);
      if (!set) continue;
      for (const c of set) if (c !== except) c.sendSerialized(data);
    }
  }

  /** Sends a room's frame to its members' sessions, respecting sessions that are resuming it. */
  toRoom(
    roomId: string,
    members: ReadonlySet<string>,
    frame: ServerFrame,
    except?: Connection,
  ): void {
    // A new message's JSON is already made for its segment file: reuse it.
    const data =
      frame.type === 'message:new'
        ? `{"type":"message:new","message":${messageJson(frame.message)}}`
        : JSON.stringify(frame);
    const seq = frame.type === 'message:new' ? frame.message.seq : undefined;
    // A big room (everyone on a 100k-user server) mostly has offline members: walk whichever
    // is smaller, its members or the users online.
    if (members.size > this.byUser.size) {
      for (const [id, set] of this.byUser) {
        if (!members.has(id)) continue;
        for (const c of set) if (c !== except) c.sendRoomFrame(roomId, data, seq);
      }
      return;
    }
    for (const id of members) {
      const set = this.byUser.get(id);
      if (!set) continue;
      for (const c of set) if (c !== except) c.sendRoomFrame(roomId, data, seq);
    }
  }

  /** Closes every session of a user (but one) with a code and reason; queued frames go first. */
  closeUser(userId: string, close: CloseReason, except?: Connection): void {
    for (const c of [...(this.byUser.get(userId) ?? [])]) if (c !== except) c.closeWith(close);
  }

  /** Sends one frame to every authenticated session (optionally not to one connection). */
  toEveryone(frame: ServerFrame, except?: Connection): void {
    this.toUsers(this.byUser.keys(), frame, except);
  }
}

const EMPTY: ReadonlySet<Connection> = new Set();

import {
  LIMITS,
  ParleyError,
  type ClientFrameOf,
  type Message,
} from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';
import type { Connection } from '../hub/connection.js';
import type { Hub } from '../hub/hub.js';
import { StorageError } from '../store/messageLog.js';
import type { Store } from '../store/store.js';
import type { FileStore } from './fileStore.js';
import type { Rooms } from './rooms.js';

/** Largest sync frame, in JSON characters: a batch of long messages is split. */
const SYNC_FRAME_CHARS = 512 * 1024;

/** Splits messages into runs whose JSON stays under a size; always at least one (maybe empty) run. */
function splitBySize(messages: Message[], maxChars: number): Message[][] {
  const parts: Message[][] = [[]];
  let chars = 0;
  for (const m of messages) {
    const size = JSON.stringify(m).length;
    if (chars + size > maxChars && parts.at(-1)!.length > 0) {
      parts.push([]);
      chars = 0;
    }
    parts.at(-1)!.push(m);
    chars += size;
  }
  return parts;
}

const STORE_FAILED = () =>
  new ParleyError('storage_failed', 'The server could not store the message; try again.');

/** A failed write as the client hears it: `storage_full` says why, anything else is generic. */
const storeFailure = (err: unknown, generic: () => ParleyError): ParleyError =>
  err instanceof ParleyError && err.code === 'storage_full'
    ? err
    : err instanceof StorageError &&
        err.cause instanceof ParleyError &&
        err.cause.code === 'storage_full'
      ? err.cause
      : generic();

/** Messages: sending (ack after persist), edits, deletes, reactions, typing, read markers, history. */
export class Messaging {
  constructor(
    private readonly store: Store,
    private readonly rooms: Rooms,
    private readonly hub: Hub,
    private readonly files: FileStore,
    private readonly log: Logger,
    /** Told about every stored message and change (new: changed false), e.g. by search. */
    private readonly stored: (m: Message, changed: boolean) => void = () => undefined,
  ) {}

  /**
   * Persists a message, then acks the sender and fans it out. A resend of a clientId already
   * stored gets the original's ack and nothing is fanned out again.
   */
  async send(userId: string, f: ClientFrameOf<'message:send'>, conn: Connection): Promise<void> {
    const room = this.rooms.requireMember(userId, f.roomId);
    const log = this.store.messages;
    const known = log.findClientId(room.id, userId, f.clientId);
    const ack = (m: Message) =>
      conn.send({
        type: 'message:ack',
        replyTo: f.id,
        roomId: room.id,
        clientId: f.clientId,
        seq: m.seq,
        ts: m.ts,
      });
    if (known !== undefined) {
      await log.whenDurable(room.id, known).catch(() => {
        throw STORE_FAILED();
      });
      const original = await log.get(room.id, known);
      if (original) return ack(original);
    }
    let file: Message['file'];
    if (f.fileId) {
      const stored = this.files.get(f.fileId);
      if (!stored || stored.roomId !== room.id || stored.uploaderId !== userId) {
        throw new ParleyError('not_found', 'That file was not uploaded to this room by you.');
      }
      // One file, one message: deleting that message deletes the file.
      if (stored.seq !== undefined) {
        throw new ParleyError(
          'invalid',
          'fileId: that file is already shared; upload it again to share it twice',
        );
      }
      file = { id: stored.id, name: stored.name, size: stored.size, type: stored.type };
    }
    if (!file && f.text.trim() === '')
      throw new ParleyError('invalid', 'text: a message needs text or a file');
    // Refused before a number is handed out: a full disk is known, not a surprise.
    this.store.disk.check();
    const { message, persisted } = log.append(room.id, {
      authorId: userId,
      clientId: f.clientId,
      text: f.text,
      ...(file ? { file } : {}),
      reactions: {},
    });
    if (file) this.files.claim(file.id, message.seq);
    try {
      await persisted;
    } catch (err) {
      if (file) this.files.release(file.id);
      const failure = storeFailure(err, STORE_FAILED);
      if (failure.code !== 'storage_full')
        this.log.error(`could not store a message in ${room.id}`, err);
      throw failure;
    }
    ack(message);
    this.stored(message, false);
    if (file)
      this.files
        .commitClaim()
        .catch((err: unknown) => this.log.warn('could not store file metadata', err));
    this.hub.toRoom(room.id, this.rooms.members(room.id), { type: 'message:new', message });
    // Writing in a room means having read it (best effort: the message itself is stored).
    this.advanceRead(userId, room.id, message.seq, true).catch((err: unknown) =>
      this.log.warn('could not store a read marker', err),
    );
  }

  /** Changes the text of one's own message. */
  async edit(userId: string, f: ClientFrameOf<'message:edit'>): Promise<void> {
    if (f.text.trim() === '')
      throw new ParleyError('invalid', 'text: must not be empty (delete the message instead)');
    await this.change(userId, f.roomId, f.seq, true, (m) => {
      if (m.deleted) throw new ParleyError('not_found', 'That message was deleted.');
      m.text = f.text;
      m.editedAt = Date.now();
    });
  }

  /** Deletes one's own message, leaving a tombstone; its file is deleted with it. */
  async remove(userId: string, f: ClientFrameOf<'message:delete'>): Promise<void> {
    let fileId: string | undefined;
    await this.change(userId, f.roomId, f.seq, true, (m) => {
      fileId = m.file?.id;
      m.deleted = true;
      m.text = '';
      delete m.file;
      m.reactions = {};
    });
    if (fileId) await this.files.remove(fileId);
  }

  /** Adds or removes the user's reaction. */
  async react(userId: string, f: ClientFrameOf<'reaction:add' | 'reaction:remove'>): Promise<void> {
    await this.change(userId, f.roomId, f.seq, false, (m) => {
      if (m.deleted) throw new ParleyError('not_found', 'That message was deleted.');
      // Own properties only: an emoji named "__proto__" must be a key, not a prototype change.
      const had = Object.hasOwn(m.reactions, f.emoji);
      const who = new Set(had ? m.reactions[f.emoji] : []);
      if (f.type === 'reaction:add') {
        if (!had && Object.keys(m.reactions).length >= 50) {
          throw new ParleyError('invalid', 'emoji: this message has too many different reactions');
        }
        who.add(userId);
      } else who.delete(userId);
      if (who.size)
        Object.defineProperty(m.reactions, f.emoji, {
          value: [...who],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else delete m.reactions[f.emoji];
    });
  }

  /** Relays a typing indicator to the other members; nothing is stored. */
  typing(userId: string, f: ClientFrameOf<'typing'>, conn: Connection): void {
    const room = this.rooms.requireMember(userId, f.roomId);
    if (f.typing) conn.typingIn.add(room.id);
    else conn.typingIn.delete(room.id);
    this.hub.toRoom(
      room.id,
      this.rooms.members(room.id),
      { type: 'typing', roomId: room.id, userId, typing: f.typing },
      conn,
    );
  }

  /** A session went away mid-typing: tell the rooms it stopped, so no indicator is left hanging. */
  stopTyping(userId: string, conn: Connection): void {
    for (const roomId of conn.typingIn) {
      const frame = { type: 'typing', roomId, userId, typing: false } as const;
      this.hub.toRoom(roomId, this.rooms.members(roomId), frame, conn);
    }
    conn.typingIn.clear();
  }

  /** Moves the read marker forward (never back) and tells the user's sessions once stored. */
  async read(userId: string, f: ClientFrameOf<'read'>): Promise<void> {
    const room = this.rooms.requireReadable(userId, f.roomId);
    const seq = Math.min(f.seq, this.store.messages.lastSeq(room.id));
    await this.advanceRead(userId, room.id, seq);
  }

  /** A page of history; the newest page when neither bound is given. */
  async history(
    userId: string,
    f: ClientFrameOf<'history'>,
  ): Promise<{ messages: Message[]; hasMore: boolean; hasNewer?: boolean }> {
    const room = this.rooms.requireReadable(userId, f.roomId);
    const bounds = [f.before, f.after, f.around].filter((b) => b !== undefined).length;
    if (bounds > 1) {
      throw new ParleyError('invalid', 'history: give one of before, after or around');
    }
    const limit = f.limit ?? LIMITS.historyPageDefault;
    const log = this.store.messages;
    if (f.around !== undefined) {
      // The target in the middle: half the page before it, the rest from it on, and a full
      // page near either end of the room. Like the others, it reads past lost segments.
      const target = Math.min(Math.max(f.around, 1), Math.max(1, log.lastSeq(room.id)));
      const newer = await log.after(room.id, target - 1, limit - Math.floor(limit / 2));
      const older = await log.before(room.id, target, limit - newer.messages.length);
      let { messages, hasMore: hasNewer } = newer;
      if (hasNewer && older.messages.length + messages.length < limit) {
        const more = await log.after(
          room.id,
          messages.at(-1)?.seq ?? target - 1,
          limit - older.messages.length - messages.length,
        );
        messages = [...messages, ...more.messages];
        hasNewer = more.hasMore;
      }
      return { messages: [...older.messages, ...messages], hasMore: older.hasMore, hasNewer };
    }
    // Both read past holes left by lost segments, so a page is empty only at the very end.
    if (f.after !== undefined) return log.after(room.id, f.after, limit);
    return log.before(room.id, f.before ?? Number.MAX_SAFE_INTEGER, limit);
  }

  /**
   * Sends a resuming session every message after `since` in each room, in order, in batches.
   * Live frames for those rooms are held meanwhile and released after, minus any already sent,
   * so the client sees each message exactly once and in order.
   */
  async resume(userId: string, since: Record<string, number>, conn: Connection): Promise<void> {
    const log = this.store.messages;
    // Rooms the user is no longer in (left on another device) are skipped, not an error. A
    // position past the end (say, the host restored an older backup) counts from the end.
    const targets = Object.keys(since).filter((roomId) => this.rooms.isMember(userId, roomId));
    const sentUpTo = new Map(targets.map((r) => [r, Math.min(since[r]!, log.lastSeq(r))]));
    for (const roomId of targets) conn.held.set(roomId, []);
    try {
      for (const roomId of targets) {
        for (let done = false; !done;) {
          if (!conn.open) return;
          const next = sentUpTo.get(roomId)! + 1;
          const upTo = Math.min(log.lastSeq(roomId), next + LIMITS.syncBatch - 1);
          const messages = next <= upTo ? await log.range(roomId, next, upTo) : [];
          // Up to upTo even when a lost segment left nothing there: a hole must not stall it.
          if (next <= upTo) sentUpTo.set(roomId, upTo);
          done = sentUpTo.get(roomId)! >= log.lastSeq(roomId);
          const parts = splitBySize(messages, SYNC_FRAME_CHARS);
          // Backpressure after every part: a long absence is never queued whole, and a reading
          // client never nears the slow-reader bound (parts are ~512 KiB, the wait is for < 1 MiB).
          for (const [i, part] of parts.entries()) {
            conn.send({
              type: 'sync',
              roomId,
              messages: part,
              done: done && i === parts.length - 1,
            });
            await conn.drained();
          }
        }
        this.release(conn, roomId, sentUpTo.get(roomId)!);
      }
    } finally {
      // Whatever happened, no room may stay held (its live frames would never arrive).
      for (const roomId of targets)
        if (conn.held.has(roomId)) this.release(conn, roomId, sentUpTo.get(roomId)!);
    }
  }

  private release(conn: Connection, roomId: string, sentUpTo: number): void {
    const held = conn.releaseHeld(roomId);
    conn.resumedUpTo.set(roomId, sentUpTo);
    for (const frame of held) {
      // Held new messages that the sync already carried are dropped (no duplicates).
      if (frame.seq !== undefined && frame.seq <= sentUpTo) continue;
      conn.sendSerialized(frame.data);
    }
  }

  /**
   * Moves a read marker forward. `lazy` (the marker a sent message moves) is written within a
   * moment, with others: one write per burst, not one per message.
   */
  private async advanceRead(
    userId: string,
    roomId: string,
    seq: number,
    lazy = false,
  ): Promise<void> {
    const reads = this.store.reads.data.reads;
    const mine = (reads[userId] ??= {});
    if ((mine[roomId] ?? 0) >= seq) return;
    mine[roomId] = seq;
    if (lazy) this.store.reads.commitSoon();
    else await this.store.reads.commit();
    this.hub.toUsers([userId], { type: 'read', roomId, seq });
  }

  private async change(
    userId: string,
    roomId: string,
    seq: number,
    ownOnly: boolean,
    fn: (m: Message) => void,
  ): Promise<void> {
    const room = this.rooms.requireMember(userId, roomId);
    const current = await this.store.messages.get(room.id, seq);
    if (!current) throw new ParleyError('not_found', `No message ${seq} in this room.`);
    if (ownOnly && current.authorId !== userId)
      throw new ParleyError('forbidden', 'You can only change your own messages.');
    let updated: Message | undefined;
    this.store.disk.check();
    try {
      updated = await this.store.messages.update(room.id, seq, fn);
    } catch (err) {
      if (!(err instanceof StorageError)) throw err;
      const failure = storeFailure(
        err,
        () =>
          new ParleyError('storage_failed', 'The server could not store the change; try again.'),
      );
      if (failure.code !== 'storage_full')
        this.log.error(`could not update message ${seq} in ${room.id}`, err.cause);
      throw failure;
    }
    // A sequence handed out but not stored yet cannot be changed: it does not exist for readers.
    if (!updated) throw new ParleyError('not_found', `No message ${seq} in this room.`);
    this.stored(updated, true);
    this.hub.toRoom(room.id, this.rooms.members(room.id), {
      type: 'message:updated',
      message: updated,
    });
  }
}

/**
 * Everything the engine knows about one server: identity, rooms, people, typing, unread counts,
 * loaded timelines and the outbox, kept current from the server's frames.
 */
import type {
  ConnectionStatus,
  MessageNotice,
  RoomView,
  ServerView,
  Timeline,
  TimelineMessage,
} from '../api/chatApi.js';
import { ChatApiError } from '../api/calls.js';
import type {
  FileInfo,
  Message,
  RoomSummary,
  ServerFrame,
  ServerInfo,
  User,
} from '../protocol/index.js';
import { Connection, type ConnectionTiming, type HelloFields } from './connection.js';
import type { ChatClientDeps, StoredOutboxItem, StoredServer } from './deps.js';
import { mentions, type ViewState } from './notifications.js';
import { emptyTimeline, lastSeqOf, mergeMessages, type LoadedTimeline } from './timeline.js';

/** What a ServerClient reports to the engine around it. */
export interface ServerClientContext {
  deps: ChatClientDeps;
  timing?: ConnectionTiming;
  changed(): void;
  timelineChanged(serverId: string, roomId: string): void;
  notice(n: MessageNotice): void;
  /** Saves stored data; resolves once it is durable. */
  persist(): Promise<void>;
  view(): ViewState;
}

/** Typing indicators expire if the "stopped" frame never comes (a crashed client). */
const TYPING_TTL_MS = 8_000;
const PAGE = 50;

/** One server: connection plus the state drawn from it. */
export class ServerClient {
  status: ConnectionStatus = 'signed-out';
  error: { code: string; message: string } | undefined;
  info: ServerInfo | undefined;
  me: User | undefined;
  readonly rooms = new Map<string, RoomSummary>();
  readonly users = new Map<string, User>();
  private readonly typing = new Map<string, Map<string, ReturnType<typeof setTimeout>>>();
  private readonly mentionSeqs = new Map<string, number[]>();
  private readonly timelines = new Map<string, LoadedTimeline>();
  private readonly inFlight = new Set<string>();
  private readonly filling = new Set<string>();
  private readonly conn: Connection;
  private signInFields: Omit<HelloFields, 'token' | 'resume'> | undefined;
  private signInWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly sentCache = new WeakMap<Message, TimelineMessage>();

  constructor(
    readonly stored: StoredServer,
    private readonly ctx: ServerClientContext,
  ) {
    this.conn = new Connection(
      stored.url,
      ctx.deps.socket,
      {
        hello: () => this.hello(),
        welcome: (w) => void this.welcome(w),
        refused: (code, message) => this.refused(code, message),
        frame: (f) => this.frame(f),
        down: (retryIn, reason) => this.down(retryIn, reason),
        connecting: () => this.setStatus('connecting'),
      },
      ctx.timing,
      ctx.deps.random,
      ctx.deps.now,
    );
  }

  /** Local id. */
  get id(): string {
    return this.stored.id;
  }

  /** Connects when this device has an identity on the server. */
  start(): void {
    if (this.stored.token) this.conn.start();
  }

  /** Disconnects. */
  stop(): void {
    this.conn.stop();
    for (const t of this.typing.values()) for (const timer of t.values()) clearTimeout(timer);
    this.typing.clear();
  }

  /** Registers a name (and password) and resolves once the server welcomed us. */
  signIn(fields: Omit<HelloFields, 'token' | 'resume'>): Promise<void> {
    this.signInFields = fields;
    this.stored.token = undefined;
    this.error = undefined;
    const done = new Promise<void>((resolve, reject) =>
      this.signInWaiters.push({ resolve, reject }),
    );
    this.conn.start();
    return done;
  }

  /** Forgets this device's identity on the server. */
  signOut(): void {
    this.conn.stop();
    this.stored.token = undefined;
    this.status = 'signed-out';
    this.me = undefined;
    this.ctx.changed();
  }

  // ---- connection events -------------------------------------------------------------

  private hello(): HelloFields | undefined {
    if (this.stored.token) {
      const resume: Record<string, number> = {};
      for (const [roomId, t] of this.timelines) {
        const last = lastSeqOf(t);
        if (t.loaded && last > 0 && this.rooms.get(roomId)?.joined) resume[roomId] = last;
      }
      return { token: this.stored.token, resume };
    }
    return this.signInFields;
  }

  private async welcome(w: ServerFrameOfWelcome): Promise<void> {
    this.stored.token = w.token;
    this.stored.lastName = w.user.name;
    this.stored.name = w.server.name;
    this.signInFields = undefined;
    this.info = w.server;
    this.me = w.user;
    this.error = undefined;
    this.rooms.clear();
    for (const r of w.rooms) this.rooms.set(r.id, r);
    this.users.clear();
    for (const u of w.users) this.users.set(u.id, u);
    this.setStatus('online');
    for (const waiter of this.signInWaiters.splice(0)) waiter.resolve();
    await this.ctx.persist().catch(() => undefined);
    // Resume brought newer messages; edits and reactions made meanwhile to the loaded tail
    // are picked up by fetching it again.
    for (const [roomId, t] of this.timelines) {
      if (!this.rooms.get(roomId)?.joined) continue;
      if (t.loaded) void this.refreshTail(roomId);
      else if (t.loading) void this.loadNewest(roomId);
    }
    this.flushOutbox();
  }

  private refused(code: string, message: string): void {
    const friendly =
      code === 'unauthorized'
        ? 'This device is no longer signed in to this server. Pick your name again.'
        : message;
    this.error = { code, message: friendly };
    if (code === 'unauthorized') this.stored.token = undefined;
    this.status = this.stored.token ? 'offline' : 'signed-out';
    for (const waiter of this.signInWaiters.splice(0))
      waiter.reject(new ChatApiError(code, friendly));
    void this.ctx.persist().catch(() => undefined);
    this.ctx.changed();
  }

  private down(retryInMs: number | undefined, reason: string): void {
    if (this.signInWaiters.length > 0 && !this.stored.token) {
      // Registration never got through: report it instead of retrying forever.
      this.conn.stop();
      const err = new ChatApiError('offline', `Cannot reach the server (${reason}).`);
      for (const waiter of this.signInWaiters.splice(0)) waiter.reject(err);
      this.status = 'signed-out';
      this.error = { code: 'offline', message: err.message };
      this.ctx.changed();
      return;
    }
    this.inFlight.clear();
    if (this.status === 'signed-out') return;
    this.status = retryInMs === undefined && !this.stored.token ? 'signed-out' : 'offline';
    this.clearTyping();
    this.ctx.changed();
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    if (status === 'connecting' && this.status === 'offline') {
      // Stay "offline" while retrying so the banner does not flicker on every attempt.
      return;
    }
    this.status = status;
    this.ctx.changed();
  }

  private frame(f: ServerFrame): void {
    switch (f.type) {
      case 'room:joined':
      case 'room:updated': {
        this.upsertRoom(f.room, f.type === 'room:joined');
        const t = this.timelines.get(f.room.id);
        if (f.type === 'room:joined' && t && !t.loaded) void this.loadNewest(f.room.id);
        break;
      }
      case 'room:left': {
        const room = this.rooms.get(f.roomId);
        if (room?.kind === 'room') this.rooms.set(f.roomId, { ...room, joined: false });
        else this.rooms.delete(f.roomId);
        break;
      }
      case 'room:list':
        for (const r of f.rooms) this.upsertRoom(r, false);
        break;
      case 'member:changed': {
        const room = this.rooms.get(f.roomId);
        if (!room) return;
        const members = room.members.filter((m) => m !== f.userId);
        if (f.joined) members.push(f.userId);
        this.rooms.set(room.id, { ...room, members });
        break;
      }
      case 'message:new':
        this.received(f.message);
        break;
      case 'message:updated':
        this.updated(f.message);
        break;
      case 'sync': {
        const t = this.timelines.get(f.roomId);
        for (const m of f.messages) this.bumpLastSeq(m.roomId, m.seq);
        if (t) {
          t.messages = mergeMessages(t.messages, f.messages);
          this.ctx.timelineChanged(this.id, f.roomId);
        }
        break;
      }
      case 'typing':
        this.setTyping(f.roomId, f.userId, f.typing);
        break;
      case 'read': {
        const room = this.rooms.get(f.roomId);
        if (room && f.seq > room.readSeq) this.rooms.set(room.id, { ...room, readSeq: f.seq });
        break;
      }
      case 'presence': {
        const u = this.users.get(f.userId);
        if (u) this.users.set(u.id, { ...u, status: f.status });
        if (this.me?.id === f.userId) this.me = { ...this.me, status: f.status };
        break;
      }
      case 'user:updated':
        this.users.set(f.user.id, f.user);
        if (this.me?.id === f.user.id) this.me = f.user;
        break;
      default:
        return;
    }
    this.ctx.changed();
  }

  private upsertRoom(room: RoomSummary, joinedNow: boolean): void {
    const old = this.rooms.get(room.id);
    // room:updated is a broadcast; keep what only we know (membership, read marker).
    const merged =
      old && !joinedNow
        ? { ...room, joined: old.joined, readSeq: Math.max(old.readSeq, room.readSeq) }
        : room;
    merged.lastSeq = Math.max(merged.lastSeq, old?.lastSeq ?? 0);
    this.rooms.set(room.id, merged);
  }

  private bumpLastSeq(roomId: string, seq: number): void {
    const room = this.rooms.get(roomId);
    if (room && seq > room.lastSeq) this.rooms.set(roomId, { ...room, lastSeq: seq });
  }

  private received(m: Message): void {
    this.bumpLastSeq(m.roomId, m.seq);
    this.setTyping(m.roomId, m.authorId, false);
    const t = this.timelines.get(m.roomId);
    if (t?.loaded) {
      if (m.seq <= lastSeqOf(t) + 1) {
        t.messages = mergeMessages(t.messages, [m]);
        this.ctx.timelineChanged(this.id, m.roomId);
      } else void this.fillGap(m.roomId);
    }
    const room = this.rooms.get(m.roomId);
    if (!room || !this.me || m.authorId === this.me.id) return;
    const mention = mentions(m.text, this.me.name);
    if (mention && m.seq > room.readSeq) {
      const list = this.mentionSeqs.get(room.id) ?? [];
      list.push(m.seq);
      this.mentionSeqs.set(room.id, list);
    }
    this.readIfLooking(room.id);
    const muted = this.stored.muted.includes(room.id);
    this.ctx.notice({
      serverId: this.id,
      roomId: room.id,
      roomName: this.roomName(room),
      roomKind: room.kind,
      authorName: this.users.get(m.authorId)?.name ?? 'Someone',
      text: m.text || (m.file ? `shared ${m.file.name}` : ''),
      seq: m.seq,
      mention,
      muted,
    });
  }

  private updated(m: Message): void {
    const t = this.timelines.get(m.roomId);
    if (!t?.loaded) return;
    const first = t.messages[0]?.seq ?? 0;
    if (m.seq < first || m.seq > lastSeqOf(t)) return;
    t.messages = mergeMessages(t.messages, [m]);
    this.ctx.timelineChanged(this.id, m.roomId);
  }

  private setTyping(roomId: string, userId: string, typing: boolean): void {
    if (userId === this.me?.id) return;
    let room = this.typing.get(roomId);
    const old = room?.get(userId);
    if (old) clearTimeout(old);
    if (!typing) {
      if (old && room?.delete(userId)) this.ctx.changed();
      return;
    }
    if (!room) this.typing.set(roomId, (room = new Map()));
    room.set(
      userId,
      setTimeout(() => this.setTyping(roomId, userId, false), TYPING_TTL_MS),
    );
  }

  private clearTyping(): void {
    for (const room of this.typing.values()) for (const t of room.values()) clearTimeout(t);
    this.typing.clear();
  }

  // ---- timelines ---------------------------------------------------------------------

  /** Starts showing a room: loads its newest page the first time. */
  openTimeline(roomId: string): void {
    let t = this.timelines.get(roomId);
    if (!t) {
      t = emptyTimeline(this.rooms.get(roomId)?.readSeq ?? 0);
      this.timelines.set(roomId, t);
    } else t.openedReadSeq = this.rooms.get(roomId)?.readSeq ?? t.openedReadSeq;
    if (!t.loaded) void this.loadNewest(roomId);
    this.readIfLooking(roomId);
  }

  /** A snapshot of one room's timeline for the UI. */
  timeline(roomId: string): Timeline {
    const t = this.timelines.get(roomId) ?? emptyTimeline(0);
    const messages: TimelineMessage[] = t.messages.map((m) => this.asSent(m));
    for (const item of this.stored.outbox) {
      if (item.roomId === roomId) messages.push(this.asPending(item));
    }
    return {
      serverId: this.id,
      roomId,
      messages,
      hasOlder: t.hasOlder,
      loading: t.loading,
      readSeq: t.openedReadSeq,
    };
  }

  private asSent(m: Message): TimelineMessage {
    let v = this.sentCache.get(m);
    if (!v) this.sentCache.set(m, (v = { ...m, status: 'sent' }));
    return v;
  }

  private asPending(item: StoredOutboxItem): TimelineMessage {
    return {
      roomId: item.roomId,
      seq: 0,
      ts: item.ts,
      authorId: this.me?.id ?? 'u_unknown',
      clientId: item.clientId,
      text: item.text,
      ...(item.file ? { file: item.file } : {}),
      reactions: {},
      status: item.failed ? 'failed' : 'sending',
      ...(item.failed ? { error: item.failed } : {}),
    };
  }

  private async loadNewest(roomId: string): Promise<void> {
    const t = this.timelines.get(roomId);
    if (!t) return;
    t.loading = true;
    this.ctx.timelineChanged(this.id, roomId);
    if (!this.conn.online || !this.rooms.get(roomId)?.joined) return; // loads after welcome/join
    try {
      const page = await this.history({ roomId, limit: PAGE });
      t.messages = mergeMessages(t.messages, page.messages);
      if (lastSeqOf(t) < (page.messages.at(-1)?.seq ?? 0)) t.messages = page.messages;
      t.hasOlder = (t.messages[0]?.seq ?? 1) > 1;
      t.loaded = true;
    } catch {
      // Offline: retried after the next welcome.
    } finally {
      t.loading = false;
      this.ctx.timelineChanged(this.id, roomId);
    }
  }

  private async refreshTail(roomId: string): Promise<void> {
    const t = this.timelines.get(roomId);
    if (!t) return;
    const page = await this.history({ roomId, limit: PAGE }).catch(() => undefined);
    if (!page) return;
    const merged = mergeMessages(t.messages, page.messages);
    // Offline for long: the newest page does not touch what we hold; start again from it.
    t.messages =
      lastSeqOf({ ...t, messages: merged }) < (page.messages.at(-1)?.seq ?? 0)
        ? page.messages
        : merged;
    t.hasOlder = (t.messages[0]?.seq ?? 1) > 1;
    this.ctx.timelineChanged(this.id, roomId);
  }

  /** Loads the page before the oldest loaded message. */
  async loadOlder(roomId: string): Promise<void> {
    const t = this.timelines.get(roomId);
    if (!t || t.loading || !t.loaded || !t.hasOlder) return;
    t.loading = true;
    this.ctx.timelineChanged(this.id, roomId);
    try {
      const first = t.messages[0]?.seq ?? 1;
      const page = await this.history({ roomId, before: first, limit: PAGE });
      t.messages = mergeMessages(t.messages, page.messages);
      t.hasOlder = page.hasMore;
    } finally {
      t.loading = false;
      this.ctx.timelineChanged(this.id, roomId);
    }
  }

  private async fillGap(roomId: string): Promise<void> {
    if (this.filling.has(roomId)) return;
    this.filling.add(roomId);
    try {
      for (let i = 0; i < 1000; i++) {
        const t = this.timelines.get(roomId);
        if (!t) return;
        const before = lastSeqOf(t);
        const page = await this.history({ roomId, after: before, limit: 100 });
        t.messages = mergeMessages(t.messages, page.messages);
        this.ctx.timelineChanged(this.id, roomId);
        if (!page.hasMore || lastSeqOf(t) === before) return;
      }
    } catch {
      // Offline: the next welcome resumes from what we hold.
    } finally {
      this.filling.delete(roomId);
    }
  }

  private async history(q: { roomId: string; before?: number; after?: number; limit: number }) {
    const f = await this.conn.request({ type: 'history', ...q });
    if (f.type !== 'history') throw new ChatApiError('internal', 'unexpected answer to history');
    return f;
  }

  // ---- actions -----------------------------------------------------------------------

  /** Queues a message; it is stored locally first, so nothing typed is lost. */
  async send(roomId: string, text: string, fileId?: string, file?: FileInfo): Promise<string> {
    this.requireJoined(roomId);
    if (!fileId && text.trim() === '') throw new ChatApiError('invalid', 'A message needs text.');
    const clientId = this.newClientId();
    const item: StoredOutboxItem = {
      clientId,
      roomId,
      text,
      ts: (this.ctx.deps.now ?? Date.now)(),
      ...(fileId ? { fileId } : {}),
      ...(file ? { file } : {}),
    };
    this.stored.outbox.push(item);
    await this.ctx.persist();
    this.ctx.timelineChanged(this.id, roomId);
    this.sendItem(item);
    return clientId;
  }

  /** Sends a failed message again. */
  retry(roomId: string, clientId: string): void {
    const item = this.stored.outbox.find((i) => i.clientId === clientId && i.roomId === roomId);
    if (!item) throw new ChatApiError('not_found', 'That message is no longer waiting to be sent.');
    delete item.failed;
    void this.ctx.persist().catch(() => undefined);
    this.ctx.timelineChanged(this.id, roomId);
    this.sendItem(item);
  }

  /** Drops an unsent message. */
  discard(roomId: string, clientId: string): void {
    const i = this.stored.outbox.findIndex((x) => x.clientId === clientId && x.roomId === roomId);
    if (i === -1) return;
    this.stored.outbox.splice(i, 1);
    void this.ctx.persist().catch(() => undefined);
    this.ctx.timelineChanged(this.id, roomId);
  }

  private flushOutbox(): void {
    for (const item of this.stored.outbox) if (!item.failed) this.sendItem(item);
  }

  private sendItem(item: StoredOutboxItem): void {
    if (!this.conn.online || this.inFlight.has(item.clientId)) return;
    this.inFlight.add(item.clientId);
    this.conn
      .request({
        type: 'message:send',
        roomId: item.roomId,
        clientId: item.clientId,
        text: item.text,
        ...(item.fileId ? { fileId: item.fileId } : {}),
      })
      .then((ack) => {
        if (ack.type !== 'message:ack') return;
        this.inFlight.delete(item.clientId);
        this.acked(item, ack.seq, ack.ts);
      })
      .catch((err: unknown) => {
        this.inFlight.delete(item.clientId);
        const code = err instanceof ChatApiError ? err.code : 'internal';
        if (code === 'offline') return; // resent after the next welcome
        if (code === 'rate_limited') {
          setTimeout(() => this.sendItem(item), 1000);
          return;
        }
        item.failed = err instanceof Error ? err.message : 'The server refused this message.';
        void this.ctx.persist().catch(() => undefined);
        this.ctx.timelineChanged(this.id, item.roomId);
      });
  }

  private acked(item: StoredOutboxItem, seq: number, ts: number): void {
    const i = this.stored.outbox.indexOf(item);
    if (i !== -1) this.stored.outbox.splice(i, 1);
    void this.ctx.persist().catch(() => undefined);
    if (this.me) {
      const message: Message = {
        roomId: item.roomId,
        seq,
        ts,
        authorId: this.me.id,
        clientId: item.clientId,
        text: item.text,
        ...(item.file ? { file: item.file } : {}),
        reactions: {},
      };
      const t = this.timelines.get(item.roomId);
      if (t?.loaded && seq <= lastSeqOf(t) + 1) t.messages = mergeMessages(t.messages, [message]);
      else if (t?.loaded) void this.fillGap(item.roomId);
    }
    this.bumpLastSeq(item.roomId, seq);
    const room = this.rooms.get(item.roomId);
    // Writing in a room means having read it (the server moves the marker too).
    if (room && seq > room.readSeq) this.rooms.set(room.id, { ...room, readSeq: seq });
    this.ctx.timelineChanged(this.id, item.roomId);
    this.ctx.changed();
  }

  /** Sends a request that needs a connection; rejects with a readable error when offline. */
  request(frame: Parameters<Connection['request']>[0]): Promise<ServerFrame> {
    return this.conn.request(frame);
  }

  /** Sends a frame whose answer does not matter (typing). */
  fire(frame: Parameters<Connection['fire']>[0]): void {
    this.conn.fire(frame);
  }

  /** Moves the read marker forward (locally at once, then on the server). */
  markRead(roomId: string, seq: number): void {
    const room = this.rooms.get(roomId);
    if (!room || !room.joined) return;
    const target = Math.min(seq, room.lastSeq);
    if (target <= room.readSeq) return;
    this.rooms.set(roomId, { ...room, readSeq: target });
    this.conn.fire({ type: 'read', roomId, seq: target });
    this.ctx.changed();
  }

  /** Marks a room read when the user is looking at it. */
  readIfLooking(roomId: string): void {
    const v = this.ctx.view();
    const room = this.rooms.get(roomId);
    if (v.visible && v.serverId === this.id && v.roomId === roomId && room)
      this.markRead(roomId, room.lastSeq);
  }

  /** Throws unless the user is in the room. */
  requireJoined(roomId: string): RoomSummary {
    const room = this.rooms.get(roomId);
    if (!room?.joined) throw new ChatApiError('not_member', 'Join this room before writing in it.');
    return room;
  }

  private newClientId(): string {
    const rand = this.ctx.deps.random ?? Math.random;
    let s = '';
    for (let i = 0; i < 16; i++)
      s += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rand() * 36)];
    return `m_${(this.ctx.deps.now ?? Date.now)().toString(36)}_${s}`;
  }

  // ---- view ----------------------------------------------------------------------------

  /** A room's display name: DMs are named after the other person. */
  roomName(room: RoomSummary): string {
    if (room.kind === 'room') return room.name;
    const other = room.members.find((m) => m !== this.me?.id);
    return other ? (this.users.get(other)?.name ?? 'Someone') : `${this.me?.name ?? 'You'} (you)`;
  }

  /** The sidebar view of this server. */
  view(): ServerView {
    const joined: RoomView[] = [];
    const others: RoomSummary[] = [];
    for (const room of this.rooms.values()) {
      if (!room.joined) {
        if (room.kind === 'room') others.push(room);
        continue;
      }
      const unread = Math.max(0, room.lastSeq - room.readSeq);
      const mentionCount =
        room.kind === 'dm'
          ? unread
          : (this.mentionSeqs.get(room.id) ?? []).filter((s) => s > room.readSeq).length;
      const other = room.kind === 'dm' ? room.members.find((m) => m !== this.me?.id) : undefined;
      joined.push({
        ...room,
        name: this.roomName(room),
        ...(other ? { dmUserId: other } : {}),
        unread,
        mentions: mentionCount,
        muted: this.stored.muted.includes(room.id),
        typing: [...(this.typing.get(room.id)?.keys() ?? [])],
      });
    }
    joined.sort((a, b) =>
      a.kind !== b.kind ? (a.kind === 'room' ? -1 : 1) : a.name.localeCompare(b.name),
    );
    others.sort((a, b) => a.name.localeCompare(b.name));
    return {
      id: this.id,
      url: this.stored.url,
      name: this.info?.name ?? this.stored.name,
      status: this.status,
      ...(this.error ? { error: this.error } : {}),
      ...(this.info ? { info: this.info } : {}),
      ...(this.me ? { me: this.me } : {}),
      ...(this.stored.token ? { token: this.stored.token } : {}),
      rooms: joined,
      otherRooms: others,
      users: [...this.users.values()].sort((a, b) => a.name.localeCompare(b.name)),
      hosted: this.stored.hosted === true,
    };
  }
}

type ServerFrameOfWelcome = Extract<ServerFrame, { type: 'welcome' }>;

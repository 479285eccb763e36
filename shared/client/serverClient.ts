/**
 * Everything the engine knows about one server: identity, rooms, people, typing, unread counts,
 * loaded timelines and the outbox, kept current from the server's frames.
 */
import type { ConnectionStatus, MessageNotice, ServerView, Timeline } from '../api/chatApi.js';
import { ChatApiError } from '../api/calls.js';
import { LIMITS } from '../protocol/limits.js';
import {
  DEFAULT_PREFERENCES,
  type FileAccess,
  type FileInfo,
  type Message,
  type Preferences,
  type RoomSummary,
  type ServerFrame,
  type ServerInfo,
  type User,
} from '../protocol/index.js';
import { levelFor } from '../notifyLevels.js';
import { Connection, type ConnectionTiming, type HelloFields } from './connection.js';
import type { ChatClientDeps, StoredOutboxItem, StoredServer } from './deps.js';
import { mentions, type ViewState } from './notifications.js';
import { Outbox } from './outbox.js';
import { RoomTimelines } from './roomTimelines.js';
import { buildServerView, roomName } from './serverView.js';
import { DirectoryCache } from './directoryCache.js';

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

/** One server: connection plus the state drawn from it. */
export class ServerClient {
  status: ConnectionStatus = 'signed-out';
  error: { code: string; message: string } | undefined;
  info: ServerInfo | undefined;
  me: User | undefined;
  readonly rooms = new Map<string, RoomSummary>();
  readonly typing = new Map<string, Map<string, ReturnType<typeof setTimeout>>>();
  readonly mentionSeqs = new Map<string, number[]>();
  /** The person's preferences on this server (they live on the server, for every device). */
  prefs: Preferences = DEFAULT_PREFERENCES;
  /** Whether the name is protected by a personal password (signing out then keeps it). */
  protected = false;
  /** The short-lived credential for file links (never the session token). */
  fileAccess: FileAccess | undefined;
  private accessTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly conn: Connection;
  /** The users this client knows (the directory is paged, never held whole). */
  readonly directory: DirectoryCache;
  private readonly timelines: RoomTimelines;
  private readonly outbox: Outbox;
  private signInFields: Omit<HelloFields, 'token' | 'resume'> | undefined;
  private signInWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(
    readonly stored: StoredServer,
    private readonly ctx: ServerClientContext,
  ) {
    this.conn = new Connection(
      stored.url,
      // Every socket holds to the pinned certificate, read at each connect (a re-join may pin).
      (url) =>
        ctx.deps.socket(
          url,
          this.stored.fingerprint ? { fingerprint: this.stored.fingerprint } : {},
        ),
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
    this.directory = new DirectoryCache(
      (f) => this.conn.request(f),
      () => ctx.changed(),
    );
    this.timelines = new RoomTimelines({
      request: (f) => this.conn.request(f),
      online: () => this.conn.online,
      joined: (roomId) => this.rooms.get(roomId)?.joined === true,
      lastSeq: (roomId) => this.rooms.get(roomId)?.lastSeq ?? 0,
      changed: (roomId) => ctx.timelineChanged(this.id, roomId),
      seen: (messages) => this.directory.need(peopleIn(messages)),
    });
    this.outbox = new Outbox({
      items: () => this.stored.outbox,
      online: () => this.conn.online,
      request: (f) => this.conn.request(f),
      persist: () => ctx.persist(),
      changed: (roomId) => ctx.timelineChanged(this.id, roomId),
      acked: (item, seq, ts) => this.acked(item, seq, ts),
      now: ctx.deps.now ?? Date.now,
      random: ctx.deps.random ?? Math.random,
    });
  }

  /** The users this client knows, by id. */
  get users(): ReadonlyMap<string, User> {
    return this.directory.users;
  }

  /** People on the server, as the directory last said. */
  get userCount(): number {
    return this.directory.total;
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
    clearTimeout(this.accessTimer);
    this.conn.stop();
    this.outbox.disconnected();
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

  /** Forgets this device's identity on the server (a protected name's token is revoked too). */
  async signOut(): Promise<void> {
    if (this.protected && this.conn.online) {
      // Best effort: the server forgets this device's token; the name stays with its owner.
      await this.conn.request({ type: 'identity:signout' }).catch(() => undefined);
    }
    clearTimeout(this.accessTimer);
    this.fileAccess = undefined;
    this.protected = false;
    this.conn.stop();
    this.stored.token = undefined;
    // Unsent messages belong to this identity: whoever signs in next must not send them.
    this.stored.outbox.length = 0;
    this.status = 'signed-out';
    this.me = undefined;
    this.ctx.changed();
  }

  // ---- connection events -------------------------------------------------------------

  private hello(): HelloFields | undefined {
    if (this.stored.token) {
      // Every joined room resumes from what we know of it, so counts and mentions of messages
      // missed meanwhile are right even for rooms never opened; open rooms from what they hold.
      const resume: Record<string, number> = {};
      for (const room of this.rooms.values()) if (room.joined) resume[room.id] = room.lastSeq;
      return {
        token: this.stored.token,
        resume: { ...resume, ...this.timelines.resumePositions() },
      };
    }
    const fields = this.signInFields;
    // A desktop join from an invite link registers with that invite (no password needed).
    const invite = this.stored.inviteCode;
    if (fields && invite && fields.invite === undefined && fields.userPassword === undefined)
      return { ...fields, invite };
    return fields;
  }

  private async welcome(w: ServerFrameOfWelcome): Promise<void> {
    this.stored.token = w.token;
    // The invite did its work (or a token was used): it is never sent again.
    delete this.stored.inviteCode;
    this.stored.lastName = w.user.name;
    this.stored.name = w.server.name;
    this.signInFields = undefined;
    this.info = w.server;
    this.me = w.user;
    this.error = undefined;
    this.rooms.clear();
    for (const r of w.rooms) this.rooms.set(r.id, r);
    this.directory.welcome(w.users, w.directory);
    this.directory.need(w.rooms.flatMap((r) => (r.kind === 'dm' ? r.members : [])));
    this.prefs = w.prefs;
    this.protected = w.protected;
    this.gotFileAccess(w.files);
    this.setStatus('online');
    for (const waiter of this.signInWaiters.splice(0)) waiter.resolve();
    await this.ctx.persist().catch(() => undefined);
    this.timelines.reconnected();
    this.outbox.flush();
    // The welcome's read markers replace ours; what the user is looking at stays read.
    const looking = this.ctx.view().roomId;
    if (looking) this.readIfLooking(looking);
  }

  private refused(code: string, message: string): void {
    const friendly = refusalMessage(code, message);
    this.error = { code, message: friendly };
    if (code === 'unauthorized' || code === 'revoked') this.stored.token = undefined;
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
    this.outbox.disconnected();
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
        if (f.type === 'room:joined') this.timelines.joined(f.room.id);
        break;
      }
      case 'room:left': {
        const room = this.rooms.get(f.roomId);
        // A private room left is out of sight: only members see it.
        if (room?.kind === 'room' && !room.private)
          this.rooms.set(f.roomId, { ...room, joined: false });
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
        // The summary lists a bounded sample of members; the count is always exact.
        if (f.joined && members.length < LIMITS.summaryMembersMax) members.push(f.userId);
        const memberCount = Math.max(0, room.memberCount + (f.joined ? 1 : -1));
        this.rooms.set(room.id, { ...room, members, memberCount });
        if (f.joined) this.directory.need([f.userId]);
        break;
      }
      case 'message:new':
        this.directory.need(peopleIn([f.message]));
        this.received(f.message);
        break;
      case 'message:updated':
        this.directory.need(peopleIn([f.message]));
        this.timelines.replace(f.message);
        break;
      case 'sync': {
        this.directory.need(peopleIn(f.messages));
        for (const m of f.messages) {
          this.bumpLastSeq(m.roomId, m.seq);
          this.countMention(m);
        }
        this.timelines.synced(f.roomId, f.messages);
        this.readIfLooking(f.roomId);
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
        this.directory.presence(f.userId, f.status);
        if (this.me?.id === f.userId) this.me = { ...this.me, status: f.status };
        break;
      }
      case 'server:updated':
        this.info = f.server;
        break;
      case 'user:updated':
        this.directory.updated(f.user, f.version);
        if (this.me?.id === f.user.id) this.me = f.user;
        break;
      case 'prefs':
        this.prefs = f.prefs;
        break;
      case 'identity':
        this.protected = f.protected;
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
    this.timelines.add(m);
    const room = this.rooms.get(m.roomId);
    if (!room || !this.me || m.authorId === this.me.id) return;
    const mention = this.countMention(m);
    this.readIfLooking(room.id);
    const muted = this.stored.muted.includes(room.id);
    const level = levelFor(this.prefs, room.id);
    this.ctx.notice({
      serverId: this.id,
      roomId: room.id,
      roomName: roomName(room, this.me, this.users),
      roomKind: room.kind,
      authorName: this.users.get(m.authorId)?.name ?? 'Someone',
      text: m.text || (m.file ? `shared ${m.file.name}` : ''),
      seq: m.seq,
      mention,
      muted,
      level,
      dnd: this.me.dnd === true,
      sound: this.prefs.sounds,
    });
  }

  /** Keeps a file-access credential, and asks for the next one ten minutes before it expires. */
  private gotFileAccess(access: FileAccess): void {
    const changed = this.fileAccess?.access !== access.access;
    this.fileAccess = access;
    clearTimeout(this.accessTimer);
    const now = (this.ctx.deps.now ?? Date.now)();
    const wait = Math.max(60_000, access.expiresAt - now - 10 * 60_000);
    this.accessTimer = setTimeout(() => {
      if (!this.conn.online) return;
      this.conn
        .request({ type: 'files:access' })
        .then((f) => {
          if (f.type === 'files:access') this.gotFileAccess(f);
        })
        .catch(() => undefined);
    }, wait);
    (this.accessTimer as { unref?: () => void }).unref?.();
    if (changed) this.ctx.changed();
  }

  /** Remembers an unread @mention of the user (live or resumed); returns whether it is one. */
  private countMention(m: Message): boolean {
    const room = this.rooms.get(m.roomId);
    if (!room || !this.me || m.authorId === this.me.id || !mentions(m.text, this.me.name))
      return false;
    const list = this.mentionSeqs.get(room.id) ?? [];
    if (m.seq > room.readSeq && !list.includes(m.seq)) list.push(m.seq);
    this.mentionSeqs.set(room.id, list);
    return true;
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

  // ---- timelines and outbox ------------------------------------------------------------

  /** Starts showing a room: loads its newest page the first time. */
  openTimeline(roomId: string): void {
    this.timelines.open(roomId, this.rooms.get(roomId)?.readSeq ?? 0);
    this.readIfLooking(roomId);
  }

  /** A snapshot of one room's timeline for the UI. */
  timeline(roomId: string): Timeline {
    return this.timelines.snapshot(
      this.id,
      roomId,
      this.outbox.pending(roomId, this.me?.id ?? 'u_unknown'),
    );
  }

  /** Loads the page before the oldest loaded message. */
  loadOlder(roomId: string): Promise<void> {
    return this.timelines.loadOlder(roomId);
  }

  /** Loads the page after the newest loaded message (after a jump). */
  loadNewer(roomId: string): Promise<void> {
    return this.timelines.loadNewer(roomId);
  }

  /** Shows a room around one message: the page around it becomes the loaded run. */
  jump(roomId: string, seq: number): Promise<void> {
    return this.timelines.jump(roomId, seq, this.rooms.get(roomId)?.readSeq ?? 0);
  }

  /** Queues a message; it is stored on the device first, so nothing typed is lost. */
  send(roomId: string, text: string, fileId?: string, file?: FileInfo): Promise<string> {
    this.requireJoined(roomId);
    if (!fileId && text.trim() === '') throw new ChatApiError('invalid', 'A message needs text.');
    return this.outbox.add(roomId, text, fileId, file);
  }

  /** Sends a failed message again. */
  retry(roomId: string, clientId: string): void {
    this.outbox.retry(roomId, clientId);
  }

  /** Drops an unsent message. */
  discard(roomId: string, clientId: string): void {
    this.outbox.discard(roomId, clientId);
  }

  private acked(item: StoredOutboxItem, seq: number, ts: number): void {
    if (this.me)
      this.timelines.add({
        roomId: item.roomId,
        seq,
        ts,
        authorId: this.me.id,
        clientId: item.clientId,
        text: item.text,
        ...(item.file ? { file: item.file } : {}),
        reactions: {},
      });
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
    // The same rule as notifications: a window behind another app is not being read.
    if (v.visible && v.focused && v.serverId === this.id && v.roomId === roomId && room)
      this.markRead(roomId, room.lastSeq);
  }

  /** Throws unless the user is in the room. */
  requireJoined(roomId: string): RoomSummary {
    const room = this.rooms.get(roomId);
    if (!room?.joined) throw new ChatApiError('not_member', 'Join this room before writing in it.');
    return room;
  }

  /** The sidebar view of this server. */
  view(): ServerView {
    return buildServerView(this);
  }
}

/** Users a message shows by name: its author and whoever reacted. */
function* peopleIn(messages: Message[]): Generator<string> {
  for (const m of messages) {
    yield m.authorId;
    for (const ids of Object.values(m.reactions)) yield* ids;
  }
}

/** What the user reads when a server refused or ended the session. */
function refusalMessage(code: string, message: string): string {
  if (code === 'unauthorized')
    return 'This device is no longer signed in to this server. Pick your name again.';
  if (code === 'kicked')
    return 'An admin removed you from this server. Reload (or restart Parley) to come back.';
  if (code === 'revoked')
    return message === 'banned'
      ? 'You were banned from this server.'
      : 'This session was signed out everywhere. Pick your name again on this device.';
  return message;
}

type ServerFrameOfWelcome = Extract<ServerFrame, { type: 'welcome' }>;

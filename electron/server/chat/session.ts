import {
  CLOSE_REASONS,
  type CloseReason,
  LIMITS,
  PROTOCOL_VERSION,
  ParleyError,
  type ClientFrame,
  type ClientFrameOf,
  type ErrorCode,
  type RoomSummary,
  type ServerFrameOf,
  type ServerInfo,
} from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';
import type { Connection } from '../hub/connection.js';
import type { Hub } from '../hub/hub.js';
import type { StoredUser } from '../store/records.js';
import type { Directory } from './directory.js';
import type { FileAccessKeys } from './fileAccess.js';
import type { Identity } from './identity.js';
import type { PreferencesStore } from './preferences.js';
import type { Profiles } from './profiles.js';
import { KeyedRateLimiter } from '../hub/rateLimiter.js';
import type { AccessFrames } from './accessFrames.js';
import { isLoopback, type Admission } from './admission.js';
import type { Invites } from './invites.js';
import type { Messaging } from './messaging.js';
import { PASSWORD_GATE_DEFAULTS, PasswordGate, type PasswordGateOptions } from './passwordGate.js';
import { GENERAL_ROOM_ID, type Rooms } from './rooms.js';

/** Answers a hello with an error, then closes: the session cannot go on. */
function refuse(
  conn: Connection,
  replyTo: string,
  code: ErrorCode,
  message: string,
  close: CloseReason,
): void {
  conn.send({ type: 'error', replyTo, code, message });
  // The reason is the documented short text; the message above says the rest.
  conn.closeWith(close);
}

/**
 * Who the first screen shows, most needed first: the user, DM partners (the sidebar names DMs
 * after them), then the members the joined rooms' summaries list.
 */
function* firstScreenUsers(me: string, rooms: RoomSummary[]): Generator<string> {
  yield me;
  for (const r of rooms) if (r.kind === 'dm') yield* r.members;
  for (const r of rooms) if (r.kind === 'room' && r.joined) yield* r.members;
}

/** Open sessions (devices, tabs) one user may have at once. */
const MAX_SESSIONS_PER_USER = 16;

/** What a session needs from the rest of the server. */
export interface SessionDeps {
  hub: Hub;
  directory: Directory;
  rooms: Rooms;
  messaging: Messaging;
  identity: Identity;
  profiles: Profiles;
  prefs: PreferencesStore;
  fileAccess: FileAccessKeys;
  /** Answers a search (see search/searchRequests.ts). */
  search: (
    userId: string,
    f: ClientFrameOf<'search'>,
  ) => Promise<Omit<ServerFrameOf<'search'>, 'type' | 'replyTo'>>;
  info: () => ServerInfo;
  admission: Admission;
  invites: Invites;
  access: AccessFrames;
  password: string | undefined;
  /** How server-password guessing is slowed down (defaults in passwordGate.ts). */
  passwordGate?: Partial<PasswordGateOptions>;
  log: Logger;
}

/** Identity proven at the HTTP upgrade by a token in the URL. */
export interface PreAuth {
  user: StoredUser;
  token: string;
}

/** Runs the frames of authenticated sessions against the chat services. */
export class SessionHandler {
  /** Server-password guessing, slowed down (docs/protocol.md §8). */
  private readonly passwords: PasswordGate;
  /** New users per remote address (the host's own machine is exempt). */
  private readonly registrations = new KeyedRateLimiter(30 / 60, 30);
  /** New rooms per user: enough for any team, not enough to bloat everyone's welcome. */
  private readonly roomCreations = new KeyedRateLimiter(10 / 60, 10);
  /** The token each session said hello with, so identity:signout can revoke exactly that one. */
  private readonly tokens = new WeakMap<Connection, string>();

  constructor(private readonly d: SessionDeps) {
    this.passwords = new PasswordGate({ ...PASSWORD_GATE_DEFAULTS, ...d.passwordGate });
  }

  /** A socket closed: forget it, clear its typing indicators, update presence. */
  closed(conn: Connection): void {
    const { hub, directory, messaging } = this.d;
    const userId = conn.userId;
    const before = userId ? directory.presence(userId) : 'offline';
    hub.remove(conn);
    if (!userId) return;
    messaging.stopTyping(userId, conn);
    directory.announcePresence(userId, before);
  }

  /** Checks the server password, slowed down per address and server-wide (PasswordGate). */
  async checkPassword(ip: string, given: string | undefined): Promise<void> {
    if (await this.passwords.check(ip, given ?? '', this.d.password!)) return;
    throw new ParleyError(
      'bad_password',
      given ? 'Wrong server password.' : 'This server needs a password.',
    );
  }

  /** Handles one parsed frame; every failure becomes an error frame tied to the request. */
  async handle(conn: Connection, frame: ClientFrame, preAuth: PreAuth | undefined): Promise<void> {
    try {
      if (frame.type === 'hello') await this.hello(conn, frame, preAuth);
      else if (!conn.userId) throw new ParleyError('unauthorized', 'Send hello first.');
      else await this.dispatch(conn, conn.userId, frame);
    } catch (err) {
      const known = err instanceof ParleyError;
      if (!known) this.d.log.error(`${frame.type} failed`, err);
      conn.send({
        type: 'error',
        replyTo: frame.id,
        code: known ? err.code : 'internal',
        message: known ? err.message : 'Something went wrong on the server.',
      });
    }
  }

  private async hello(
    conn: Connection,
    f: ClientFrameOf<'hello'>,
    preAuth: PreAuth | undefined,
  ): Promise<void> {
    const { directory, rooms, hub, messaging } = this.d;
    if (conn.userId) throw new ParleyError('invalid', 'hello: this session already said hello');
    if (f.protocol !== PROTOCOL_VERSION) {
      return refuse(
        conn,
        f.id,
        'protocol_mismatch',
        `This server speaks protocol ${PROTOCOL_VERSION}, the client ${f.protocol}; update the older one.`,
        CLOSE_REASONS.protocolMismatch,
      );
    }
    let user: StoredUser | undefined;
    let token: string;
    let registered = false;
    const given = preAuth && (!f.token || f.token === preAuth.token) ? preAuth.token : f.token;
    if (given) {
      const found = directory.checkToken(given);
      if (!found.ok) {
        return refuse(
          conn,
          f.id,
          'unauthorized',
          found.reason === 'expired'
            ? 'Your session on this server expired; sign in again.'
            : 'This server does not know your session; join again with a name.',
          CLOSE_REASONS.unknownToken,
        );
      }
      user = found.user;
      // Rotation: an old token gets a successor in welcome (the old one has a grace period).
      const successor = directory.tokens.rotateIfDue(found.user, found.token);
      token = successor ?? given;
      if (successor) await directory.save(found.user);
    } else if (f.name && f.userPassword !== undefined) {
      // A protected name, from a new device: no server password needed, the person is known.
      const named = directory.byName(f.name);
      if (named?.bannedAt !== undefined)
        throw new ParleyError('banned', `The name "${named.name}" is banned from this server.`);
      ({ user, token } = await this.d.identity.signIn(conn.ip, f.name, f.userPassword));
    } else if (f.name) {
      ({ user, token } = await this.register(conn, f, f.name));
      registered = true;
      if (!conn.open) {
        // The client left before it could learn its token: nobody can ever be this user.
        await rooms.leave(user.id, rooms.require(GENERAL_ROOM_ID)).catch(() => undefined);
        await directory.forget(user);
        return;
      }
    } else {
      throw new ParleyError('invalid', 'hello: give your token, or a name to join with');
    }
    if (!conn.open) return;
    if (hub.sessionsOf(user.id).size >= MAX_SESSIONS_PER_USER) {
      return refuse(
        conn,
        f.id,
        'rate_limited',
        `At most ${MAX_SESSIONS_PER_USER} sessions per user; close another one first.`,
        CLOSE_REASONS.tooManySessions,
      );
    }
    // From binding to welcome nothing awaits, so welcome is the session's first frame.
    const before = directory.presence(user.id);
    hub.bind(conn, user.id);
    this.tokens.set(conn, token);
    if (registered) {
      // Announced once bound, so others first see the newcomer online, not offline.
      hub.toEveryone(
        { type: 'user:updated', user: directory.view(user), version: user.version },
        conn,
      );
      hub.toUsers(
        rooms.members(GENERAL_ROOM_ID),
        { type: 'member:changed', roomId: GENERAL_ROOM_ID, userId: user.id, joined: true },
        conn,
      );
    }
    const me = user;
    const summaries = rooms.visibleTo(me.id).map((r) => rooms.summary(me.id, r));
    conn.send({
      type: 'welcome',
      replyTo: f.id,
      token,
      user: directory.view(me),
      server: this.d.info(),
      rooms: summaries,
      users: directory.views(firstScreenUsers(me.id, summaries), LIMITS.welcomeUsersMax),
      directory: directory.info(),
      prefs: this.d.prefs.get(me.id),
      protected: this.d.identity.isProtected(me),
      files: this.d.fileAccess.issue(me.id),
    });
    if (!registered) directory.announcePresence(me.id, before);
    if (f.resume) await messaging.resume(me.id, f.resume, conn);
  }

  /** Registers a new name: admission (invite, password, invite-only, bans), then general. */
  private async register(
    conn: Connection,
    f: ClientFrameOf<'hello'>,
    name: string,
  ): Promise<{ user: StoredUser; token: string }> {
    const { directory, rooms, admission, invites } = this.d;
    const admitted = await admission.admit(conn.ip, f, name);
    let done = false;
    try {
      if (!isLoopback(conn.ip) && !this.registrations.take(conn.ip)) {
        throw new ParleyError(
          'rate_limited',
          'Too many new names from your address; wait a minute.',
        );
      }
      const reg = directory.register(name, f.avatar, admitted.role);
      const { user, token } = reg;
      const general = rooms.require(GENERAL_ROOM_ID);
      // The user and their membership are written side by side (one wait for the disk, not
      // two); if either fails, the other is undone.
      const [stored, joined] = await Promise.allSettled([reg.stored, rooms.join(user.id, general)]);
      if (stored.status === 'rejected' || joined.status === 'rejected') {
        if (joined.status === 'fulfilled')
          await rooms.leave(user.id, general).catch(() => undefined);
        if (stored.status === 'fulfilled') await directory.forget(user).catch(() => undefined);
        throw stored.status === 'rejected'
          ? stored.reason
          : (joined as PromiseRejectedResult).reason;
      }
      if (admitted.invite) {
        try {
          await invites.commit();
        } catch (err) {
          await rooms.leave(user.id, general).catch(() => undefined);
          await directory.forget(user).catch(() => undefined);
          throw err;
        }
      }
      done = true;
      return { user, token };
    } finally {
      if (!done && admitted.invite) invites.giveBack(admitted.invite);
    }
  }

  private async dispatch(
    conn: Connection,
    userId: string,
    f: Exclude<ClientFrame, { type: 'hello' }>,
  ): Promise<void> {
    const { directory, rooms, hub, messaging } = this.d;
    const ok = () => conn.send({ type: 'ok', replyTo: f.id });
    if (this.d.access.handles(f)) return this.d.access.handle(conn, userId, f);
    switch (f.type) {
      case 'ping':
        return conn.send({ type: 'pong', replyTo: f.id });
      case 'presence:set': {
        const before = directory.presence(userId);
        conn.status = f.status;
        directory.announcePresence(userId, before);
        return ok();
      }
      case 'profile:update': {
        const { type: _t, id: _i, ...change } = f;
        await this.d.profiles.update(userId, change);
        return ok();
      }
      case 'identity:protect':
        await this.d.identity.protect(userId, f.password);
        return ok();
      case 'identity:code':
        return conn.send({
          type: 'identity:code',
          replyTo: f.id,
          code: await this.d.identity.newCode(userId),
        });
      case 'identity:signout': {
        const token = this.tokens.get(conn);
        if (token) await this.d.identity.signOut(userId, token);
        ok();
        // Every session that holds the revoked token ends with it.
        for (const c of hub.sessionsOf(userId))
          if (this.tokens.get(c) === token) c.closeWith(CLOSE_REASONS.signedOut);
        return;
      }
      case 'prefs:set': {
        for (const [roomId, level] of Object.entries(f.rooms ?? {}))
          if (level !== null) rooms.requireReadable(userId, roomId);
        const { type: _t, id: _i, ...change } = f;
        await this.d.prefs.change(userId, change);
        return ok();
      }
      case 'files:access':
        return conn.send({
          type: 'files:access',
          replyTo: f.id,
          ...this.d.fileAccess.issue(userId),
        });
      case 'room:list':
        return conn.send({
          type: 'room:list',
          replyTo: f.id,
          rooms: rooms.visibleTo(userId).map((r) => rooms.summary(userId, r)),
        });
      case 'room:create': {
        if (!this.roomCreations.take(userId)) {
          throw new ParleyError('rate_limited', 'Too many new rooms; wait a few minutes.');
        }
        const room = await rooms.create(userId, f.name, f.topic ?? '', f.private === true);
        conn.send({ type: 'room:joined', replyTo: f.id, room: rooms.summary(userId, room) });
        hub.toUsers([userId], { type: 'room:joined', room: rooms.summary(userId, room) }, conn);
        return rooms.announce(room);
      }
      case 'room:join': {
        const room = rooms.requireReadable(userId, f.roomId);
        const joined = await rooms.join(userId, room);
        conn.send({ type: 'room:joined', replyTo: f.id, room: rooms.summary(userId, room) });
        if (!joined) return;
        hub.toUsers([userId], { type: 'room:joined', room: rooms.summary(userId, room) }, conn);
        return hub.toUsers(
          rooms.members(room.id),
          { type: 'member:changed', roomId: room.id, userId, joined: true },
          conn,
        );
      }
      case 'room:leave': {
        const room = rooms.requireReadable(userId, f.roomId);
        const left = await rooms.leave(userId, room);
        conn.send({ type: 'room:left', replyTo: f.id, roomId: room.id });
        if (!left) return;
        hub.toUsers([userId], { type: 'room:left', roomId: room.id }, conn);
        return hub.toUsers(rooms.members(room.id), {
          type: 'member:changed',
          roomId: room.id,
          userId,
          joined: false,
        });
      }
      case 'dm:open': {
        if (!directory.get(f.userId)) throw new ParleyError('not_found', 'No such user.');
        const { room, created } = await rooms.openDm(userId, f.userId);
        conn.send({ type: 'room:joined', replyTo: f.id, room: rooms.summary(userId, room) });
        if (!created) return;
        for (const member of room.members) {
          hub.toUsers([member], { type: 'room:joined', room: rooms.summary(member, room) }, conn);
        }
        return;
      }
      case 'message:send':
        return messaging.send(userId, f, conn);
      case 'message:edit':
        await messaging.edit(userId, f);
        return ok();
      case 'message:delete':
        await messaging.remove(userId, f);
        return ok();
      case 'reaction:add':
      case 'reaction:remove':
        await messaging.react(userId, f);
        return ok();
      case 'typing':
        // Typing is fire-and-forget: answered only when it fails.
        return messaging.typing(userId, f, conn);
      case 'read':
        await messaging.read(userId, f);
        return ok();
      case 'directory':
        return conn.send({ ...directory.page(f), replyTo: f.id });
      case 'directory:changes':
        return conn.send({ ...directory.changes(f), replyTo: f.id });
      case 'history': {
        const page = await messaging.history(userId, f);
        return conn.send({ type: 'history', replyTo: f.id, roomId: f.roomId, ...page });
      }
      case 'search':
        return conn.send({ type: 'search', replyTo: f.id, ...(await this.d.search(userId, f)) });
    }
  }
}

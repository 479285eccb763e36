/**
 * The Chat Client Engine: every server this device talks to, the transfers, and the ChatApi
 * the UI uses. Runs unchanged in Electron main, in a browser tab and in Node tests.
 */
import type { AppState, ChatApi, MessageNotice, Timeline, Unsubscribe } from '../api/chatApi.js';
import {
  ChatApiError,
  isChatCallName,
  parseCallArgs,
  type ChatCallName,
  type ChatCallResult,
  type CHAT_CALLS,
} from '../api/calls.js';
import type { z } from 'zod';
import { fingerprintWords, type HealthResponse } from '../protocol/index.js';
import { normalizeServerUrl } from './address.js';
import { planJoin } from './joinServer.js';
import type { ConnectionTiming } from './connection.js';
import type { ChatClientDeps, StoredClientData, StoredServer } from './deps.js';
import { Emitter } from './emitter.js';
import type { ViewState } from './notifications.js';
import { profileActions } from './profileActions.js';
import { accessActions } from './accessActions.js';
import { roomActions, uploadFile } from './roomActions.js';
import { searchActions } from './searchActions.js';
import { ServerClient } from './serverClient.js';
import { Transfers } from './transfers.js';

/** The engine: a ChatApi plus shutdown. */
export interface ChatClient extends ChatApi {
  /** Resolves once stored servers are loaded and connecting. */
  ready: Promise<void>;
  /** Asks every view to show a room (the shell calls this when a notification is clicked). */
  openRoom(target: { serverId: string; roomId: string }): void;
  /** Disconnects, cancels transfers, stops the hosted server and saves. */
  dispose(): Promise<void>;
}

/** Error code of addServer for an https server whose identity the user has not confirmed. */
export const IDENTITY_UNCONFIRMED = 'identity_unconfirmed';

/** A person whose Parley window has been in the background this long shows as away. */
const AWAY_AFTER_MS = 5 * 60_000;

/** Parsed arguments of one action. */
export type Args<N extends ChatCallName> = z.output<(typeof CHAT_CALLS)[N]>;
/** Implementation of every action. */
export type Handlers = { [N in ChatCallName]: (args: Args<N>) => Promise<ChatCallResult<N>> };

/** Builds the engine. `timing` shortens reconnect and heartbeat delays in tests. */
export function createChatClient(deps: ChatClientDeps, timing?: ConnectionTiming): ChatClient {
  const servers = new Map<string, ServerClient>();
  const transfers = new Transfers(() => scheduleState());
  const stateEmitter = new Emitter<AppState>();
  const noticeEmitter = new Emitter<MessageNotice>();
  const openRoomEmitter = new Emitter<{ serverId: string; roomId: string }>();
  const timelineEmitters = new Map<string, Emitter<Timeline>>();
  const dirtyTimelines = new Set<string>();
  let data: StoredClientData = { servers: [] };
  let ready = false;
  let view: ViewState = { focused: true, visible: true };
  let hosting: AppState['hosting'];
  let discovered: AppState['discovered'];
  let stopDiscovery: (() => void) | undefined;
  let stateTimer: ReturnType<typeof setTimeout> | undefined;
  let timelineTimer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  let disposed = false;

  let awayTimer: ReturnType<typeof setTimeout> | undefined;
  let away = false;

  /** Away after a while without the window in front; online again as soon as it is. */
  function updateAway(): void {
    const present = view.focused && view.visible;
    clearTimeout(awayTimer);
    awayTimer = undefined;
    const announce = (status: 'online' | 'away') => {
      away = status === 'away';
      for (const s of servers.values())
        if (s.status === 'online') s.fire({ type: 'presence:set', status });
    };
    if (present && away) announce('online');
    else if (!present && !away && !disposed)
      awayTimer = setTimeout(() => announce('away'), AWAY_AFTER_MS);
  }

  const key = (serverId: string, roomId: string) => `${serverId}\u0000${roomId}`;

  const persist = (): Promise<void> => {
    const snapshot = structuredClone(data);
    saving = saving.catch(() => undefined).then(() => deps.storage.save(snapshot));
    return saving;
  };

  function state(): AppState {
    return {
      ready,
      capabilities: { host: deps.host !== undefined && !deps.guestOf, multiServer: !deps.guestOf },
      servers: data.servers.map((s) => servers.get(s.id)!.view()),
      transfers: transfers.list(),
      ...(hosting ? { hosting } : {}),
      ...(discovered ? { discovered } : {}),
    };
  }

  function scheduleState(): void {
    if (stateTimer !== undefined || disposed) return;
    // Coalesce: a burst of frames becomes one snapshot per turn, not one per frame.
    stateTimer = setTimeout(() => {
      stateTimer = undefined;
      if (stateEmitter.size > 0) stateEmitter.emit(state());
    }, 0);
  }

  function scheduleTimeline(serverId: string, roomId: string): void {
    const k = key(serverId, roomId);
    if (!timelineEmitters.has(k)) return;
    dirtyTimelines.add(k);
    if (timelineTimer !== undefined || disposed) return;
    timelineTimer = setTimeout(() => {
      timelineTimer = undefined;
      for (const d of [...dirtyTimelines]) {
        dirtyTimelines.delete(d);
        const [sid, rid] = d.split('\u0000') as [string, string];
        const emitter = timelineEmitters.get(d);
        const server = servers.get(sid);
        if (emitter && server) emitter.emit(server.timeline(rid));
      }
    }, 0);
  }

  function addClient(stored: StoredServer): ServerClient {
    const client = new ServerClient(stored, {
      deps,
      ...(timing ? { timing } : {}),
      changed: scheduleState,
      timelineChanged: scheduleTimeline,
      notice: (n) => noticeEmitter.emit(n),
      persist,
      view: () => view,
    });
    servers.set(stored.id, client);
    return client;
  }

  function server(serverId: string): ServerClient {
    const s = servers.get(serverId);
    if (!s) throw new ChatApiError('not_found', 'That server is not in your list.');
    return s;
  }

  function online(serverId: string): ServerClient {
    const s = server(serverId);
    if (s.status !== 'online')
      throw new ChatApiError('offline', `Not connected to ${s.view().name} right now.`);
    return s;
  }

  function newServerId(): string {
    const rand = deps.random ?? Math.random;
    return `s${Math.floor(rand() * 36 ** 6).toString(36)}${(deps.now ?? Date.now)().toString(36)}`;
  }

  /** What /api/health told about a server, shown before the first welcome (password field…). */
  function learned(serverId: string, health: HealthResponse): void {
    const s = servers.get(serverId);
    if (!s) return;
    const { ok: _ok, tls: _tls, ...info } = health;
    s.stored.name = info.name;
    s.info ??= info;
    scheduleState();
  }

  async function addServer(
    url: string,
    name: string,
    hosted = false,
    fingerprint?: string,
  ): Promise<string> {
    const existing = data.servers.find((s) => s.url === url);
    if (existing) {
      if (hosted) existing.hosted = true;
      if (fingerprint && existing.fingerprint !== fingerprint) {
        // Only reached with a fingerprint the user confirmed, an invite gave, or our own
        // hosted server's: reconnect holding to the new pin.
        existing.fingerprint = fingerprint;
        const client = servers.get(existing.id);
        client?.stop();
        client?.start();
        await persist();
      }
      return existing.id;
    }
    const stored: StoredServer = {
      id: newServerId(),
      url,
      name,
      muted: [],
      outbox: [],
      ...(hosted ? { hosted } : {}),
      ...(fingerprint ? { fingerprint } : {}),
    };
    data.servers.push(stored);
    addClient(stored);
    await persist();
    scheduleState();
    return stored.id;
  }

  /** Adds (or re-pins) a server once its identity is settled; else asks for confirmation. */
  async function join(args: { address: string; fingerprint?: string; inviteCode?: string }) {
    if (deps.guestOf)
      throw new ChatApiError('forbidden', 'A browser guest stays on the server it came from.');
    const plan = await planJoin(deps, args, data.servers);
    if ('confirm' in plan) return { confirm: plan.confirm };
    const serverId = await addServer(plan.url, plan.health.name, false, plan.fingerprint);
    const stored = server(serverId).stored;
    if (args.inviteCode && stored.inviteCode !== args.inviteCode) {
      stored.inviteCode = args.inviteCode;
      await persist();
    }
    learned(serverId, plan.health);
    return { serverId };
  }

  async function startHosting(opts: { name: string; port: number; password?: string }) {
    if (!deps.host) throw new ChatApiError('forbidden', 'Hosting needs the desktop app.');
    let started;
    try {
      started = await deps.host.start(opts);
    } catch (err) {
      throw new ChatApiError('internal', err instanceof Error ? err.message : String(err));
    }
    // Our own server: its certificate is trusted as it is, pinned like any other.
    const serverId = await addServer(started.url, opts.name, true, started.fingerprint);
    hosting = {
      serverId,
      name: opts.name,
      port: started.port,
      lanUrls: started.lanUrls,
      passwordRequired: Boolean(opts.password),
      ...(started.fingerprint
        ? {
            identity: {
              fingerprint: started.fingerprint,
              words: fingerprintWords(started.fingerprint),
            },
          }
        : {}),
    };
    data.hosting = {
      serverId,
      name: opts.name,
      port: started.port,
      ...(opts.password ? { password: opts.password } : {}),
    };
    await persist();
    server(serverId).start();
    scheduleState();
    return { serverId };
  }

  const handlers: Handlers = {
    ...roomActions({ server, online, transfers, deps }),
    ...profileActions({ online, deps, changed: scheduleState }),
    ...searchActions({ server, online }),
    ...accessActions({ online, persist }),
    async addServer({ address }) {
      const joined = await join({ address });
      if (joined.confirm)
        throw new ChatApiError(
          IDENTITY_UNCONFIRMED,
          `Confirm the identity of ${joined.confirm.url} first (join, then compare the words).`,
        );
      return { serverId: joined.serverId };
    },
    async join({ url, fingerprint, inviteCode }) {
      return join({
        address: url,
        ...(fingerprint ? { fingerprint } : {}),
        ...(inviteCode ? { inviteCode } : {}),
      });
    },
    async removeServer({ serverId }) {
      if (deps.guestOf)
        throw new ChatApiError('forbidden', 'A browser guest cannot remove its server.');
      const s = server(serverId);
      s.stop();
      servers.delete(serverId);
      data.servers = data.servers.filter((x) => x.id !== serverId);
      await persist();
      scheduleState();
    },
    async signIn({ serverId, name, password, avatar, userPassword, invite }) {
      const s = server(serverId);
      const pw = password ?? (hosting?.serverId === serverId ? data.hosting?.password : undefined);
      await s.signIn({
        name,
        ...(invite !== undefined ? { invite } : pw !== undefined ? { password: pw } : {}),
        ...(avatar ? { avatar } : {}),
        ...(userPassword !== undefined ? { userPassword } : {}),
      });
    },
    async signOut({ serverId }) {
      await server(serverId).signOut();
      await persist();
    },
    async host(args) {
      return startHosting(args);
    },
    async stopHosting() {
      if (!deps.host || !hosting) return;
      const id = hosting.serverId;
      hosting = undefined;
      delete data.hosting;
      await deps.host.stop();
      servers.get(id)?.stop();
      await persist();
      scheduleState();
    },
    async setMuted({ serverId, roomId, muted }) {
      const s = server(serverId);
      const list = s.stored.muted.filter((r) => r !== roomId);
      if (muted) list.push(roomId);
      s.stored.muted = list;
      await persist();
      scheduleState();
    },
    async setView(next) {
      view = next;
      if (next.serverId && next.roomId) servers.get(next.serverId)?.readIfLooking(next.roomId);
      updateAway();
    },
  };

  const readyPromise = (async () => {
    try {
      data = await deps.storage.load();
    } catch {
      data = { servers: [] };
    }
    if (deps.guestOf) {
      const url = normalizeServerUrl(deps.guestOf);
      if (!data.servers.some((s) => s.url === url))
        data.servers.push({
          id: newServerId(),
          url,
          name: new URL(url).host,
          muted: [],
          outbox: [],
        });
      data.servers = data.servers.filter((s) => s.url === url);
    }
    for (const stored of data.servers) addClient(stored);
    if (deps.discovery && !deps.guestOf && !disposed) {
      discovered = [];
      stopDiscovery = deps.discovery((list) => {
        discovered = list;
        scheduleState();
      });
    }
    ready = true;
    scheduleState();
    if (data.hosting && deps.host) {
      const h = data.hosting;
      await startHosting({
        name: h.name,
        port: h.port,
        ...(h.password ? { password: h.password } : {}),
      }).catch(() => undefined);
    }
    for (const s of servers.values()) s.start();
    // Guests learn the server's name before signing in.
    if (deps.guestOf) {
      const only = [...servers.values()][0];
      if (only)
        deps.http
          .health(only.stored.url)
          .then((h) => learned(only.id, h))
          .catch(() => undefined);
    }
  })();

  return {
    ready: readyPromise,
    onState(listener) {
      const off = stateEmitter.on(listener);
      listener(state());
      return off;
    },
    onTimeline(serverId, roomId, listener): Unsubscribe {
      const k = key(serverId, roomId);
      let emitter = timelineEmitters.get(k);
      if (!emitter) timelineEmitters.set(k, (emitter = new Emitter()));
      const off = emitter.on(listener);
      const s = servers.get(serverId);
      if (s) {
        s.openTimeline(roomId);
        listener(s.timeline(roomId));
      }
      return () => {
        off();
        if (emitter.size === 0) timelineEmitters.delete(k);
      };
    },
    onNotice: (listener) => noticeEmitter.on(listener),
    onOpenRoom: (listener) => openRoomEmitter.on(listener),
    openRoom: (target) => openRoomEmitter.emit(target),
    async call(name, args) {
      if (!isChatCallName(name))
        throw new ChatApiError('invalid', `Unknown action: ${String(name).slice(0, 40)}`);
      if (!ready) await readyPromise;
      const parsed = parseCallArgs(name, args);
      const handler = handlers[name] as (a: typeof parsed) => Promise<ChatCallResult<typeof name>>;
      return handler(parsed);
    },
    upload: (target, file) => uploadFile({ server, online, transfers, deps }, target, file),
    async dispose() {
      disposed = true;
      stopDiscovery?.();
      clearTimeout(awayTimer);
      clearTimeout(stateTimer);
      clearTimeout(timelineTimer);
      transfers.cancelAll();
      for (const s of servers.values()) s.stop();
      if (hosting && deps.host) await deps.host.stop().catch(() => undefined);
      await saving.catch(() => undefined);
    },
  };
}

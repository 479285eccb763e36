import WebSocket from 'ws';
import type { AppState, ChatApi, ServerView, Timeline } from '../../shared/api/index.js';
import { createChatClient, type ChatClient } from '../../shared/client/index.js';
import type {
  ChatClientDeps,
  ClientStorage,
  HttpTransport,
  SocketLike,
  StoredClientData,
} from '../../shared/client/deps.js';
import { AvatarResponse, HealthResponse, UploadResponse } from '../../shared/protocol/index.js';

/** ClientStorage in memory; `saved` is what a restart would load. */
export function memoryStorage(
  initial?: StoredClientData,
): ClientStorage & { saved: StoredClientData } {
  const s = {
    saved: initial ?? { servers: [] },
    async load() {
      return structuredClone(s.saved);
    },
    async save(data: StoredClientData) {
      s.saved = structuredClone(data);
    },
  };
  return s;
}

/** A network switch for one engine: `cut()` drops its sockets and refuses new ones until `restore()`. */
export function switchableSockets() {
  const open = new Set<WebSocket>();
  let down = false;
  return {
    factory: (url: string): SocketLike => {
      // A refused connection, as when the cable is out: the engine sees a close and retries.
      const ws = new WebSocket(down ? 'ws://127.0.0.1:9/ws' : url);
      open.add(ws);
      ws.on('close', () => open.delete(ws));
      return ws as unknown as SocketLike;
    },
    cut() {
      down = true;
      for (const ws of open) ws.terminate();
    },
    restore() {
      down = false;
    },
  };
}

/** HttpTransport over fetch for tests: uploads `bytes` sources, keeps downloads in memory. */
export function fetchHttp(): HttpTransport & { downloads: Map<string, Buffer> } {
  const downloads = new Map<string, Buffer>();
  return {
    downloads,
    async health(base) {
      const res = await fetch(new URL('/api/health', base));
      return HealthResponse.parse(await res.json());
    },
    async upload({ url, token, file, onProgress, signal }) {
      const bytes = (file as unknown as { bytes: Uint8Array }).bytes;
      const res = await fetch(url, {
        method: 'POST',
        body: bytes as unknown as BodyInit,
        signal,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': file.type,
          'x-parley-filename': encodeURIComponent(file.name),
        },
      });
      const body = (await res.json()) as { message?: string };
      if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
      onProgress(bytes.length);
      return UploadResponse.parse(body);
    },
    async postAvatar({ url, token, bytes, type }) {
      const res = await fetch(url, {
        method: 'POST',
        body: bytes as unknown as BodyInit,
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
      });
      const body = (await res.json()) as { message?: string };
      if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
      return AvatarResponse.parse(body).user;
    },
    async download({ url, token, file, onProgress, signal }) {
      const res = await fetch(url, { signal, headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const buf = Buffer.from(await res.arrayBuffer());
      onProgress(buf.length);
      downloads.set(file.id, buf);
    },
  };
}

/** Fast reconnects so tests do not wait for production backoff. */
export const TEST_TIMING = {
  backoffBaseMs: 50,
  backoffMaxMs: 300,
  pingEveryMs: 5_000,
  pongWithinMs: 5_000,
  sendRate: 40,
  sendBurst: 100,
};

/** An engine wired for Node tests. */
export function testEngine(over: Partial<ChatClientDeps> = {}): ChatClient & {
  storage: ReturnType<typeof memoryStorage>;
  net: ReturnType<typeof switchableSockets>;
} {
  const storage = (over.storage as ReturnType<typeof memoryStorage>) ?? memoryStorage();
  const net = switchableSockets();
  const client = createChatClient(
    { socket: net.factory, http: fetchHttp(), storage, ...over },
    TEST_TIMING,
  );
  return Object.assign(client, { storage, net });
}

/** Waits (bounded) until the state satisfies `check`; returns that state. */
export function waitState(
  api: ChatApi,
  check: (s: AppState) => boolean,
  ms = 5000,
): Promise<AppState> {
  return waitFor((cb) => api.onState(cb), check, ms, 'state');
}

/** Waits (bounded) until a room's timeline satisfies `check`. */
export function waitTimeline(
  api: ChatApi,
  serverId: string,
  roomId: string,
  check: (t: Timeline) => boolean,
  ms = 5000,
): Promise<Timeline> {
  return waitFor((cb) => api.onTimeline(serverId, roomId, cb), check, ms, `timeline ${roomId}`);
}

function waitFor<T>(
  subscribe: (cb: (v: T) => void) => () => void,
  check: (v: T) => boolean,
  ms: number,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let last: T | undefined;
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      off();
      reject(
        new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 800)}`),
      );
    }, ms);
    const off = subscribe((v) => {
      last = v;
      if (done || !check(v)) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => off());
      resolve(v);
    });
    if (done) off();
  });
}

/** The first server of a state. */
export function firstServer(s: AppState): ServerView {
  const server = s.servers[0];
  if (!server) throw new Error('no server in state');
  return server;
}

/** Adds a server by URL and signs in; resolves with the server id once online. */
export async function join(
  api: ChatApi,
  url: string,
  name: string,
  password?: string,
): Promise<string> {
  const { serverId } = await api.call('addServer', { address: url });
  await api.call('signIn', { serverId, name, ...(password ? { password } : {}) });
  await waitState(api, (s) => s.servers.find((x) => x.id === serverId)?.status === 'online');
  return serverId;
}

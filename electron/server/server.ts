import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { join } from 'node:path';
import {
  PROTOCOL_VERSION,
  ParleyError,
  UPDATES_PATH,
  type ServerInfo,
} from '../../shared/protocol/index.js';
import { createLogger, type LogLevel, type Logger } from '../../shared/log.js';
import { AccessFrames } from './chat/accessFrames.js';
import { Admission, settleOwner } from './chat/admission.js';
import { Directory } from './chat/directory.js';
import { FileAccessKeys } from './chat/fileAccess.js';
import { Invites } from './chat/invites.js';
import { Moderation } from './chat/moderation.js';
import { FileStore } from './chat/fileStore.js';
import { Identity } from './chat/identity.js';
import { PreferencesStore } from './chat/preferences.js';
import { Profiles } from './chat/profiles.js';
import { Messaging } from './chat/messaging.js';
import { Rooms } from './chat/rooms.js';
import { SessionHandler } from './chat/session.js';
import { handleAvatarDownload, handleAvatarUpload, type AvatarDeps } from './http/avatars.js';
import { handleDownload, handleUpload, type FileDeps } from './http/files.js';
import { hostAllowed } from './http/hostCheck.js';
import { handleRoomExport } from './http/roomExport.js';
import { sendError, sendJson } from './http/respond.js';
import { serveStatic } from './http/staticFiles.js';
import { serveUpdateFile } from './http/updates.js';
import { Hub } from './hub/hub.js';
import { answerSearch } from './search/searchRequests.js';
import { SearchService } from './search/searchService.js';
import { WsEndpoint } from './hub/wsEndpoint.js';
import {
  defaultServerName,
  resolveOptions,
  type ResolvedOptions,
  type ServerOptions,
} from './options.js';
import { Store } from './store/store.js';
import {
  dataDirCertificate,
  readCertificateFiles,
  type ServerCertificate,
} from './tls/certificate.js';
import { createDoor } from './tls/door.js';
import { advertise } from './discovery/advertise.js';
import { PARLEY_VERSION } from './version.js';

/** A running Parley server. */
export interface ParleyServer {
  /** Port actually bound (useful with port 0). */
  readonly port: number;
  /** https://127.0.0.1:port (http:// with TLS off) — for local clients and tests. */
  readonly url: string;
  /** The certificate served (null with TLS off): its fingerprint is the server's identity. */
  readonly tls: ServerCertificate | null;
  /** Server name, limits and settings, as sent in welcome (current at each read). */
  readonly info: ServerInfo;
  /** The open store (tests and benchmarks inspect it). */
  readonly store: Store;
  /** The full-text index (benchmarks time it); absent when started with `search: false`. */
  readonly search: SearchService | undefined;
  /** Closes sockets with "going away", waits for every write, releases the data directory. */
  stop(): Promise<void>;
}

/** Opens the data directory and starts serving HTTP + WebSocket. */
export async function startServer(options: ServerOptions): Promise<ParleyServer> {
  const opts = resolveOptions(options);
  const log =
    options.logger ??
    createLogger('server', (process.env.PARLEY_LOG as LogLevel | undefined) ?? 'info');
  const store = await Store.open({
    dir: opts.dataDir,
    durable: opts.durable,
    segmentSize: opts.segmentSize,
    log: log.child('store'),
    disk: opts.disk,
  });
  try {
    // After the lock, so a second server on a busy folder never touches its certificate. A
    // named file that cannot be read stops the start with that file's name.
    const tls =
      opts.tls === 'off'
        ? null
        : opts.tls === 'auto'
          ? await dataDirCertificate(opts.dataDir, log.child('tls'))
          : await readCertificateFiles(opts.tls.certFile, opts.tls.keyFile);
    return await listen(opts, store, tls, log);
  } catch (err) {
    await store.close();
    throw err;
  }
}

async function listen(
  opts: ResolvedOptions,
  store: Store,
  tls: ServerCertificate | null,
  log: Logger,
): Promise<ParleyServer> {
  const hub = new Hub();
  const directory = new Directory(store, hub, opts.now);
  for (const u of settleOwner([...store.users.all()], opts.owner, opts.ownerFromLoopback))
    await directory.changed(u);
  const invites = new Invites(store, opts.now);
  const moderation = new Moderation(directory, hub, opts.now);
  const rooms = new Rooms(store, hub);
  // On a full disk the host still starts (read-only); general is stored once space returns.
  await rooms.ensureGeneral().catch((err: unknown) => {
    if (!store.disk.full) throw err;
  });
  const fileStore = new FileStore(store);
  const search = opts.search
    ? new SearchService(
        {
          dir: join(opts.dataDir, 'search'),
          messagesDir: join(opts.dataDir, 'messages'),
          segmentSize: store.meta.data.segmentSize,
          saveDelayMs: opts.searchSaveMs,
        },
        log.child('search'),
      )
    : undefined;
  const messaging = new Messaging(store, rooms, hub, fileStore, log.child('messages'), (m, c) =>
    search?.put(m, c),
  );
  const identity = new Identity(directory, hub);
  const profiles = new Profiles(store, directory, log.child('profiles'));
  const prefs = new PreferencesStore(store, hub);
  const fileAccess = await FileAccessKeys.open(store);
  const settings = (store.meta.data.settings ??= {});
  if (opts.name && opts.name !== settings.name) {
    settings.name = opts.name;
    await store.meta.commit().catch((err: unknown) => {
      if (!store.disk.full) throw err;
    });
  }
  const staticInfo = {
    name: settings.name ?? defaultServerName(),
    version: PARLEY_VERSION,
    protocol: PROTOCOL_VERSION,
    passwordRequired: opts.password !== undefined,
    maxUploadBytes: opts.maxUploadBytes,
  };
  const info = (): ServerInfo => ({ ...staticInfo, inviteOnly: invites.inviteOnly });
  const admission: Admission = new Admission({
    directory,
    invites,
    password: opts.password,
    // The session handler owns the password gate; admission runs only after it exists.
    checkPassword: (ip: string, given: string | undefined): Promise<void> =>
      sessions.checkPassword(ip, given),
    owner: opts.owner,
    ownerFromLoopback: opts.ownerFromLoopback,
  });
  const access = new AccessFrames({ hub, directory, rooms, invites, moderation, info });
  const sessions: SessionHandler = new SessionHandler({
    hub,
    directory,
    rooms,
    messaging,
    identity,
    profiles,
    prefs,
    fileAccess,
    search: (userId, f) => {
      if (!search) throw new ParleyError('not_found', 'This server keeps no search index.');
      return answerSearch({ rooms, store, search }, userId, f);
    },
    info,
    admission,
    invites,
    access,
    password: opts.password,
    passwordGate: opts.passwordGate,
    log,
  });
  const ws = new WsEndpoint({ opts, hub, directory, sessions, log: log.child('ws') });
  const files: FileDeps = {
    uploadIdleMs: opts.uploadIdleMs,
    uploadMinRate: opts.uploadMinRate,
    maxOpenUploadsPerUser: opts.maxOpenUploadsPerUser,
    openUploads: new Map(),
    store,
    files: fileStore,
    directory,
    access: fileAccess,
    rooms,
    maxUploadBytes: opts.maxUploadBytes,
    log: log.child('files'),
  };
  const avatars: AvatarDeps = {
    directory,
    access: fileAccess,
    profiles,
    uploadIdleMs: opts.uploadIdleMs,
  };

  // No limit on a whole request (a 2 GiB upload may take many minutes); uploads have an
  // inactivity limit instead, and slow headers are cut off.
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((err: unknown) => {
      // The path only: a query string may hold a session token.
      log.error(`${req.method} ${(req.url ?? '').split('?')[0]} failed`, err);
      sendError(res, 'internal', 'Something went wrong on the server.');
    });
  };
  // Node checks the header timeout only every connectionsCheckingInterval (30 s by default, so
  // slow headers lived up to 60 s): checked every second, the documented 30 s holds.
  const timeouts = {
    requestTimeout: 0,
    headersTimeout: opts.headersTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, opts.headersTimeoutMs),
  };
  const secure = tls
    ? createHttpsServer({ ...timeouts, cert: tls.cert, key: tls.key }, handle)
    : undefined;
  const http: Server = secure ?? createServer(timeouts, handle);
  let port = 0;
  // With TLS, one listening socket tells TLS from plain http by the first byte.
  const door = secure ? createDoor(secure, opts.allowedHosts, () => port) : undefined;
  const listener: NetServer = door ? door.server : http;
  const tlsHealth = tls ? { fingerprint: tls.fingerprint } : null;
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendError(res, 'invalid', 'Malformed request path.');
    }
    const path = url.pathname;
    // URL() resolves dot segments, so /api/../x would be answered as /x: such a path is never
    // one a browser sends, and no route answers it.
    if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test((req.url ?? '/').split('?')[0]!))
      return sendError(res, 'not_found', 'No route for a path with "." or ".." segments.');
    if (!hostAllowed(req.headers.host, opts.allowedHosts)) return refuseHost(res, req.headers.host);
    const method = req.method ?? 'GET';
    if (path === '/api/health' && method === 'GET') {
      return sendJson(res, 200, { ok: true, ...info(), tls: tlsHealth });
    }
    const upload = /^\/api\/rooms\/([A-Za-z0-9_-]+)\/files$/.exec(path);
    if (upload && method === 'POST') return handleUpload(files, req, res, url, upload[1]!);
    if (path === '/api/avatar' && method === 'POST') return handleAvatarUpload(avatars, req, res);
    const roomExport = /^\/api\/rooms\/([A-Za-z0-9_-]+)\/export$/.exec(path);
    if (roomExport && method === 'GET')
      return handleRoomExport({ store, directory, rooms }, req, res, url, roomExport[1]!);
    const avatar = /^\/api\/avatars\/([^/]+)$/.exec(path);
    if (avatar && (method === 'GET' || method === 'HEAD'))
      return handleAvatarDownload(avatars, req, res, url, avatar[1]!);
    const download = /^\/api\/files\/([^/]+)$/.exec(path);
    if (download && (method === 'GET' || method === 'HEAD'))
      return handleDownload(files, req, res, url, download[1]!);
    const update = path.startsWith(UPDATES_PATH) ? path.slice(UPDATES_PATH.length) : undefined;
    if (update !== undefined && !update.includes('/') && (method === 'GET' || method === 'HEAD'))
      return serveUpdateFile(opts.updatesDir, req, res, update);
    if (path.startsWith('/api/') || path === '/ws')
      return sendError(res, 'not_found', `No route ${method} ${path}.`);
    if (opts.staticDir && (method === 'GET' || method === 'HEAD'))
      return serveStatic(opts.staticDir, req, res, path);
    return sendError(res, 'not_found', 'Not found.');
  }
  http.on('upgrade', (req, socket, head) => ws.upgrade(req, socket, head));
  http.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // Answered with a status where one fits, so a client learns why instead of seeing a reset.
    const status =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    if (socket.writable)
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  // A TLS handshake that fails (a client that does not trust or pin this certificate) ends
  // that connection only.
  http.on('tlsClientError', (_err: Error, socket: { destroy(): void }) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    // A deep accept queue: after a Wi-Fi blip or a restart every client reconnects at once, and
    // connections dropped from a full queue wait a second or more for the SYN to be resent.
    listener.listen({ port: opts.port, host: opts.host, backlog: 4096 }, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  // After listening, errors such as running out of file descriptors (EMFILE on accept) must be
  // logged, not thrown: an 'error' event without a listener would end the whole process.
  listener.on('error', (err) => log.error('HTTP server error', err));
  ws.startHeartbeat();
  port = (listener.address() as AddressInfo).port;
  log.info(
    `"${staticInfo.name}" listening on port ${port} (${tls ? `https, certificate ${tls.fingerprint}` : 'plain http'}), data in ${opts.dataDir}`,
  );
  const advertiser = opts.discovery
    ? advertise(
        {
          name: staticInfo.name,
          port,
          protocol: PROTOCOL_VERSION,
          ...(tls ? { fingerprint: tls.fingerprint } : {}),
          access: info().inviteOnly ? 'invite' : info().passwordRequired ? 'password' : 'open',
        },
        log.child('mdns'),
      )
    : undefined;
  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    tls,
    get info() {
      return info();
    },
    store,
    search,
    stop: () =>
      (stopping ??= (async () => {
        // The goodbye first: browsers drop the record while the sockets close.
        await advertiser?.stop();
      })().then(() =>
        shutdown(
          listener,
          () => {
            http.closeAllConnections();
            door?.closeOwn();
          },
          ws,
          store,
          search,
        ),
      )),
  };
}

function refuseHost(res: ServerResponse, host: string | undefined): void {
  const name = (host ?? '').replace(/:\d+$/, '');
  sendError(
    res,
    'forbidden',
    `This server does not answer to the name "${name}" (protection against DNS rebinding). ` +
      `Use its address, or start it with --allow-host ${name}.`,
  );
}

async function shutdown(
  listener: NetServer,
  closeConnections: () => void,
  ws: WsEndpoint,
  store: Store,
  search: SearchService | undefined,
): Promise<void> {
  const closed = new Promise<void>((r) => listener.close(() => r()));
  await ws.close();
  closeConnections();
  await closed;
  await search?.close();
  await store.close();
}

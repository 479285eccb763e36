/**
 * What the Chat Client Engine needs from where it runs. Electron main passes ws, node:http and
 * a lowdb file; a browser tab passes window.WebSocket, XMLHttpRequest and localStorage; tests
 * pass the Node versions. The engine itself touches none of them directly.
 */
import type { DiscoveredServer, UploadSource } from '../api/chatApi.js';
import type { FileInfo, HealthResponse, UploadResponse, User } from '../protocol/index.js';

/** The part of the standard WebSocket API the engine uses (browser WebSocket and ws both fit). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** What a connection to one server must hold to. */
export interface PinOptions {
  /**
   * SHA-256 of the certificate the server must present (64 hex). Transports that can see the
   * certificate (the desktop's Node ones) refuse any other with IDENTITY_CHANGED; a browser
   * cannot, and checks certificates its own way.
   */
  fingerprint?: string;
}

/**
 * Builds a socket for a ws:// or wss:// URL. A socket refused for a pin mismatch reports close
 * code CLOSE_CODES.identityChanged with IDENTITY_CHANGED_MESSAGE as its reason.
 */
export type SocketFactory = (url: string, pin?: PinOptions) => SocketLike;

/** Progress callback: bytes done so far. */
export type OnProgress = (loaded: number) => void;

/** An HTTP failure with the server's error code when it sent one. */
export interface HttpFailure {
  status: number;
  code: string;
  message: string;
}

/** HTTP calls of the engine; each rejects with an Error carrying an HttpFailure-like message. */
export interface HttpTransport {
  /** GET {base}/api/health */
  health(baseUrl: string, signal?: AbortSignal, pin?: PinOptions): Promise<HealthResponse>;
  /**
   * The fingerprint of the certificate an https server presents right now (desktop only: a
   * browser cannot see it). Used once, before the user confirms a server's identity.
   */
  identify?(baseUrl: string): Promise<string>;
  /** Streams a file to POST {base}/api/rooms/{roomId}/files with Bearer token and name header. */
  upload(req: {
    url: string;
    token: string;
    file: UploadSource;
    onProgress: OnProgress;
    signal: AbortSignal;
    fingerprint?: string;
  }): Promise<UploadResponse>;
  /** Fetches GET {url} (token in the Authorization header) and saves it where the platform saves downloads. */
  download(req: {
    url: string;
    token: string;
    file: FileInfo;
    onProgress: OnProgress;
    signal: AbortSignal;
    fingerprint?: string;
  }): Promise<void>;
  /** POST {base}/api/avatar with Bearer token: sets the profile picture; resolves with the user. */
  postAvatar(req: {
    url: string;
    token: string;
    bytes: Uint8Array;
    type: string;
    fingerprint?: string;
  }): Promise<User>;
}

/** A server entry as stored on this device. */
export interface StoredServer {
  id: string;
  url: string;
  name: string;
  token?: string;
  /** The name used last time, to prefill "Your name". */
  lastName?: string;
  muted: string[];
  /** The pinned certificate fingerprint (https servers joined from the desktop app). */
  fingerprint?: string;
  /** An invite code to give with the next sign-in (from an invite link). */
  inviteCode?: string;
  /** Messages accepted while offline and not yet acknowledged: nothing written is lost. */
  outbox: StoredOutboxItem[];
  hosted?: boolean;
}

/** One unacknowledged message. */
export interface StoredOutboxItem {
  clientId: string;
  roomId: string;
  text: string;
  fileId?: string;
  file?: FileInfo;
  ts: number;
  failed?: string;
}

/** Everything the engine keeps between runs. */
export interface StoredClientData {
  servers: StoredServer[];
  /** The embedded server to start again on launch (desktop). */
  hosting?: { serverId: string; name: string; port: number; password?: string };
}

/** Where the engine keeps StoredClientData (a lowdb file in userData, or localStorage). */
export interface ClientStorage {
  load(): Promise<StoredClientData>;
  save(data: StoredClientData): Promise<void>;
}

/** Starts and stops the embedded server (desktop only). */
export interface HostController {
  start(opts: { name: string; port: number; password?: string }): Promise<{
    url: string;
    port: number;
    lanUrls: string[];
    /** The hosted server's certificate fingerprint (absent with TLS off). */
    fingerprint?: string;
  }>;
  stop(): Promise<void>;
}

/** Finds servers on the LAN (desktop: mDNS); returns a function that stops browsing. */
export type Discovery = (onChange: (servers: DiscoveredServer[]) => void) => () => void;

/** Everything the engine is given. */
export interface ChatClientDeps {
  socket: SocketFactory;
  http: HttpTransport;
  storage: ClientStorage;
  host?: HostController;
  /** LAN discovery (desktop only); its finds appear in AppState.discovered. */
  discovery?: Discovery;
  /**
   * A browser guest: the one server is the page's origin and cannot be removed; no hosting,
   * no other servers.
   */
  guestOf?: string;
  /** Clock and randomness, injectable for tests. */
  now?: () => number;
  random?: () => number;
}

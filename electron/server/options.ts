import { hostname } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../shared/protocol/index.js';
import type { Logger } from '../../shared/log.js';
import type { PasswordGateOptions } from './chat/passwordGate.js';
import { APP_ROOT } from './version.js';

/** Everything a server can be told at start. */
export interface ServerOptions {
  /** Data directory (created if missing). */
  dataDir: string;
  /** TCP port; 0 picks a free one. Default 4747. */
  port?: number;
  /** Interface to listen on; default all interfaces (IPv4 and IPv6). */
  host?: string;
  /** Name shown to people who join; remembered in the data directory when given. */
  name?: string;
  /** When set, new users must give it (or an invite) to join. */
  password?: string;
  /** The name that is the server's owner (`--owner NAME`); default: the first name registered. */
  owner?: string;
  /** Desktop hosting: the first name registered from this machine (loopback) becomes the owner. */
  ownerFromLoopback?: boolean;
  /** The clock of tokens and invites (tests inject one to reach expiry without waiting). */
  now?: () => number;
  /** Largest upload in bytes (default 2 GiB). */
  maxUploadBytes?: number;
  /** Folder of the built web client served at /; default dist/renderer; null serves none. */
  staticDir?: string | null;
  /** Folder of desktop app update files served at /api/updates/ (`--updates`); none by default. */
  updatesDir?: string | null;
  /** Browser origins besides the server's own that may open the WebSocket. */
  allowedOrigins?: string[];
  /** Host names (besides addresses, localhost and this machine's name) people may use. */
  allowedHosts?: string[];
  /** Ping interval; a peer that misses one is dropped. Default 30 s. */
  heartbeatMs?: number;
  /** How server-password guessing is slowed down (tests shorten it; defaults in passwordGate.ts). */
  passwordGate?: Partial<PasswordGateOptions>;
  /** Time a client has to send a request's headers. Default 30 s. */
  headersTimeoutMs?: number;
  /** Time a new socket has to say hello. Default 10 s. */
  helloTimeoutMs?: number;
  /** Frames per second per connection, and burst. Default 50/s, burst 200. */
  rateLimit?: { perSecond: number; burst: number };
  /** Unsent bytes after which a peer that does not read is dropped. Default 8 MiB. */
  maxBufferedBytes?: number;
  /** fsync each write (default true). */
  durable?: boolean;
  /** Messages per segment file for a new data directory. Default 500. */
  segmentSize?: number;
  /** An upload that sends nothing for this long is dropped (default 60 s). */
  uploadIdleMs?: number;
  /** An upload under this rate for a whole window is ended (default 1024 bytes/s over 60 s). */
  uploadMinRate?: { bytesPerSecond: number; windowMs: number };
  /** Uploads one user may have open at once (default 4). */
  maxOpenUploadsPerUser?: number;
  /** Batch outgoing frames per socket per event-loop turn (default true; off only for benchmarks). */
  batchFrames?: boolean;
  /** Full-disk detection: free bytes needed for writes, how often a full disk is looked at again. */
  disk?: { minFreeBytes?: number; probeMs?: number };
  /** Keep a full-text index (default true; benchmarks compare appends without one). */
  search?: boolean;
  /** The search index is written to disk this long after its first unsaved change (default 30 s). */
  searchSaveMs?: number;
  /**
   * TLS: 'auto' (default) serves https/wss with the data directory's certificate (generated on
   * the first start); files name a real certificate and key; 'off' speaks plain http (behind a
   * reverse proxy that terminates TLS, or in tests).
   */
  tls?: 'auto' | 'off' | { certFile: string; keyFile: string };
  /** Believe X-Forwarded-For from a proxy on this machine (loopback peers only). Default false. */
  trustProxy?: boolean;
  /** Advertise the server on the LAN by mDNS/DNS-SD (default true). */
  discovery?: boolean;
  /** Logger; default one at PARLEY_LOG or info. */
  logger?: Logger;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<
  Omit<
    ServerOptions,
    | 'password'
    | 'host'
    | 'logger'
    | 'staticDir'
    | 'name'
    | 'updatesDir'
    | 'disk'
    | 'owner'
    | 'passwordGate'
  >
> &
  Pick<ServerOptions, 'password' | 'host' | 'name' | 'disk' | 'owner' | 'passwordGate'> & {
    staticDir: string | null;
    updatesDir: string | null;
  };

/** The name of a server nobody named: which machine it runs on. */
export const defaultServerName = (): string => `Parley on ${hostname()}`;

/** Fills in defaults. */
export function resolveOptions(o: ServerOptions): ResolvedOptions {
  return {
    dataDir: o.dataDir,
    port: o.port ?? 4747,
    host: o.host,
    name: o.name?.trim() || undefined,
    disk: o.disk,
    passwordGate: o.passwordGate,
    password: o.password === '' ? undefined : o.password,
    owner: o.owner?.trim() || undefined,
    ownerFromLoopback: o.ownerFromLoopback ?? false,
    now: o.now ?? Date.now,
    maxUploadBytes: o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    staticDir: o.staticDir === undefined ? join(APP_ROOT, 'dist', 'renderer') : o.staticDir,
    updatesDir: o.updatesDir ?? null,
    allowedOrigins: o.allowedOrigins ?? [],
    allowedHosts: o.allowedHosts ?? [],
    heartbeatMs: o.heartbeatMs ?? 30_000,
    helloTimeoutMs: o.helloTimeoutMs ?? 10_000,
    headersTimeoutMs: o.headersTimeoutMs ?? 30_000,
    rateLimit: o.rateLimit ?? { perSecond: 50, burst: 200 },
    maxBufferedBytes: o.maxBufferedBytes ?? 8 * 1024 * 1024,
    durable: o.durable ?? true,
    segmentSize: o.segmentSize ?? 500,
    batchFrames: o.batchFrames ?? true,
    uploadIdleMs: o.uploadIdleMs ?? 60_000,
    uploadMinRate: o.uploadMinRate ?? { bytesPerSecond: 1024, windowMs: 60_000 },
    maxOpenUploadsPerUser: o.maxOpenUploadsPerUser ?? 4,
    searchSaveMs: o.searchSaveMs ?? 30_000,
    search: o.search ?? true,
    tls: o.tls ?? 'auto',
    trustProxy: o.trustProxy ?? false,
    discovery: o.discovery ?? true,
  };
}

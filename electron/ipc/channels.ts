/**
 * The IPC contract between the preload (renderer side) and main. Only plain data crosses: IPC
 * structured-clones every argument, so errors travel as `{ ok: false, code, message }` and are
 * rebuilt as ChatApiError on the other side.
 */
import type { UploadSource } from '../../shared/api/index.js';

/** Channel names; one place so the preload and main cannot drift apart. */
export const CHANNELS = {
  /** invoke(name, args) → IpcResult: one ChatApi action. */
  call: 'parley:call',
  /** invoke(target, source) → IpcResult<string>: upload a file, resolves with the transfer id. */
  upload: 'parley:upload',
  /** send(SubscribeRequest): start pushing events of one kind to this webContents. */
  subscribe: 'parley:subscribe',
  /** send({ sub }): stop one subscription. */
  unsubscribe: 'parley:unsubscribe',
  /** send(paths): files the user picked, dropped or pasted; only these may be uploaded by path. */
  grant: 'parley:grant',
  /** main → renderer: EventMessage for one subscription. */
  event: 'parley:event',
} as const;

/** Largest pasted file (sent as bytes, not as a path) that may cross IPC. */
export const MAX_UPLOAD_BYTES_OVER_IPC = 64 * 1024 * 1024;

/** Outcome of an invoke: a value, or an error reduced to code + message. */
export type IpcResult<T = unknown> =
  { ok: true; value: T } | { ok: false; code: string; message: string };

/** Kinds of subscription, one per ChatApi `on…` member. */
export type SubscriptionKind = 'state' | 'timeline' | 'notice' | 'openRoom';

/**
 * Asks main to push one kind of event. `page` identifies one ChatApi instance (one page load);
 * `sub` is unique within it. A new page id from a window ends the old page's subscriptions.
 */
export interface SubscribeRequest {
  page: string;
  sub: string;
  kind: SubscriptionKind;
  serverId?: string;
  roomId?: string;
}

/** One pushed event. */
export interface EventMessage {
  sub: string;
  payload: unknown;
}

/** Where an upload goes. */
export interface UploadTarget {
  serverId: string;
  roomId: string;
  text?: string;
}

/** A dropped or picked file: main streams it from disk. */
export interface PathUploadSource extends UploadSource {
  path: string;
}

/** A pasted image (no file behind it): its bytes cross IPC. */
export interface BytesUploadSource extends UploadSource {
  bytes: Uint8Array;
}

/** What the preload sends for an upload, and what main hands the engine (and nodeHttp reads). */
export type IpcUploadSource = PathUploadSource | BytesUploadSource;

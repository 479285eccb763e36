/**
 * ChatApi over IPC, for the preload: every member maps to a Parley channel, failures come back
 * as ChatApiError, subscriptions are multiplexed over one event channel by subscription id.
 * It imports no Electron value, so tests drive it with an in-memory transport.
 */
import {
  ChatApiError,
  type ChatApi,
  type ChatCallArgs,
  type ChatCallName,
  type ChatCallResult,
  type UploadSource,
  type Unsubscribe,
} from '../../shared/api/index.js';
import {
  CHANNELS,
  MAX_UPLOAD_BYTES_OVER_IPC,
  type EventMessage,
  type IpcResult,
  type IpcUploadSource,
  type SubscribeRequest,
  type UploadTarget,
} from './channels.js';

/** The subset of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Turns a File into its path on disk ('' when it has none); webUtils.getPathForFile in the preload. */
export type PathForFile = (file: unknown) => string;

function unwrap<T>(result: unknown): T {
  const r = result as IpcResult<T> | null;
  if (r && r.ok === true) return r.value;
  if (r && r.ok === false) throw new ChatApiError(r.code, r.message);
  throw new ChatApiError('internal', 'Parley did not answer as expected.');
}

/** Builds the renderer's ChatApi on an ipcRenderer-like transport. */
export function createIpcChatApi(ipc: IpcRendererLike, getPathForFile?: PathForFile): ChatApi {
  const listeners = new Map<string, (payload: unknown) => void>();
  // One id per page load: main ends the subscriptions of a previous page (a reload) on seeing it.
  const page = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  let nextSub = 0;
  let listening = false;

  const subscribe = (
    request: Omit<SubscribeRequest, 'page' | 'sub'>,
    listener: (payload: never) => void,
  ): Unsubscribe => {
    if (!listening) {
      listening = true;
      ipc.on(CHANNELS.event, (_event, message) => {
        const m = message as EventMessage | null;
        if (m && typeof m.sub === 'string') listeners.get(m.sub)?.(m.payload);
      });
    }
    const sub = `s${++nextSub}`;
    listeners.set(sub, listener as (payload: unknown) => void);
    ipc.send(CHANNELS.subscribe, { ...request, page, sub } satisfies SubscribeRequest);
    return () => {
      if (!listeners.delete(sub)) return;
      ipc.send(CHANNELS.unsubscribe, { sub });
    };
  };

  const pathOf = (file: UploadSource): string => {
    try {
      return getPathForFile?.(file) ?? '';
    } catch {
      // webUtils throws for anything that is not a real File: then it has no path.
      return '';
    }
  };

  return {
    onState: (listener) => subscribe({ kind: 'state' }, listener),
    onTimeline: (serverId, roomId, listener) =>
      subscribe({ kind: 'timeline', serverId, roomId }, listener),
    onNotice: (listener) => subscribe({ kind: 'notice' }, listener),
    onOpenRoom: (listener) => subscribe({ kind: 'openRoom' }, listener),

    async call<N extends ChatCallName>(name: N, args: ChatCallArgs<N>) {
      return unwrap<ChatCallResult<N>>(await ipc.invoke(CHANNELS.call, name, args));
    },

    async upload(target, file) {
      const to: UploadTarget = { serverId: target.serverId, roomId: target.roomId };
      if (target.text !== undefined) to.text = target.text;
      const meta = { name: file.name, size: file.size, type: file.type };
      const path = pathOf(file);
      let source: IpcUploadSource;
      if (path) {
        source = { ...meta, path };
      } else {
        const blob = file as Partial<Blob>;
        if (typeof blob.arrayBuffer !== 'function')
          throw new ChatApiError('invalid', 'upload: this file has neither a path nor contents.');
        if (file.size > MAX_UPLOAD_BYTES_OVER_IPC)
          throw new ChatApiError(
            'too_large',
            `upload: a pasted file may be at most ${MAX_UPLOAD_BYTES_OVER_IPC / 1024 / 1024} MiB; save it and drop the file instead.`,
          );
        source = { ...meta, bytes: new Uint8Array(await blob.arrayBuffer()) };
      }
      return unwrap<string>(await ipc.invoke(CHANNELS.upload, to, source));
    },
  };
}

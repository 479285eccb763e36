/**
 * contextBridge copies a rejected Error with its message only, so the page would lose the error
 * code. The preload therefore rejects with a plain `{ code, message }` object, which the bridge
 * copies whole; the page turns it back into a ChatApiError (renderer/src/api/getChatApi.ts).
 */
import type { ChatApi } from '../../shared/api/index.js';

/** A rejection as it crosses the bridge. */
export interface BridgedError {
  code: string;
  message: string;
}

function plain(err: unknown): BridgedError {
  const e = err as { code?: unknown; message?: unknown } | null;
  return {
    code: typeof e?.code === 'string' ? e.code : 'internal',
    message: typeof e?.message === 'string' ? e.message : String(err),
  };
}

/** Wraps a ChatApi so that its rejections survive contextBridge with their codes. */
export function forBridge(api: ChatApi): ChatApi {
  return {
    onState: (l) => api.onState(l),
    onTimeline: (s, r, l) => api.onTimeline(s, r, l),
    onNotice: (l) => api.onNotice(l),
    onOpenRoom: (l) => api.onOpenRoom(l),
    call: (name, args) => api.call(name, args).catch((err: unknown) => Promise.reject(plain(err))),
    upload: (target, file) =>
      api.upload(target, file).catch((err: unknown) => Promise.reject(plain(err))),
  };
}

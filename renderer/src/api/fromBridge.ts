/**
 * The desktop preload rejects with plain `{ code, message }` objects, because contextBridge
 * would strip an Error down to its message. This turns them back into ChatApiErrors, so the UI
 * reads errors the same way from the desktop shell as from the in-tab engine.
 */
import { ChatApiError, type ChatApi } from '../../../shared/api/index.js';

function revive(err: unknown): never {
  if (err instanceof Error) throw err;
  const e = err as { code?: unknown; message?: unknown } | null;
  throw new ChatApiError(
    typeof e?.code === 'string' ? e.code : 'internal',
    typeof e?.message === 'string' ? e.message : String(err),
  );
}

/** Wraps the bridged ChatApi; subscriptions pass through unchanged. */
export function fromBridge(api: ChatApi): ChatApi {
  return {
    onState: (l) => api.onState(l),
    onTimeline: (s, r, l) => api.onTimeline(s, r, l),
    onNotice: (l) => api.onNotice(l),
    onOpenRoom: (l) => api.onOpenRoom(l),
    call: (name, args) => api.call(name, args).catch(revive),
    upload: (target, file) => api.upload(target, file).catch(revive),
  };
}

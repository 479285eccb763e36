/**
 * A ChatApi that records what reaches it, for tests of the layers in front of the engine: if a
 * refused call shows up here, the layer let it through.
 */
import type {
  AppState,
  ChatApi,
  MessageNotice,
  Timeline,
  UploadSource,
} from '../../../shared/api/index.js';

/** One recorded call. */
export type Recorded =
  | { kind: 'call'; name: string; args: unknown }
  | { kind: 'upload'; target: unknown; file: UploadSource };

/** The initial state a fake engine reports. */
export const EMPTY_STATE: AppState = {
  ready: true,
  capabilities: { host: true, multiServer: true },
  servers: [],
  transfers: [],
};

/** A recording ChatApi with hooks to push events. */
export function fakeEngine(result: (name: string, args: unknown) => unknown = () => undefined) {
  const calls: Recorded[] = [];
  const state = new Set<(s: AppState) => void>();
  const notices = new Set<(n: MessageNotice) => void>();
  const open = new Set<(t: { serverId: string; roomId: string }) => void>();
  const timelines = new Set<(t: Timeline) => void>();
  const api: ChatApi = {
    onState(l) {
      state.add(l);
      l(EMPTY_STATE);
      return () => void state.delete(l);
    },
    onTimeline(serverId, roomId, l) {
      timelines.add(l);
      l({
        serverId,
        roomId,
        messages: [],
        hasOlder: false,
        hasNewer: false,
        loading: true,
        readSeq: 0,
      });
      return () => void timelines.delete(l);
    },
    onNotice(l) {
      notices.add(l);
      return () => void notices.delete(l);
    },
    onOpenRoom(l) {
      open.add(l);
      return () => void open.delete(l);
    },
    async call(name, args) {
      calls.push({ kind: 'call', name, args });
      return result(name, args) as never;
    },
    async upload(target, file) {
      calls.push({ kind: 'upload', target, file });
      return 'transfer-1';
    },
  };
  return {
    api,
    calls,
    listeners: { state, notices, open, timelines },
    pushState: (s: AppState) => state.forEach((l) => l(s)),
    pushNotice: (n: MessageNotice) => notices.forEach((l) => l(n)),
    pushOpenRoom: (t: { serverId: string; roomId: string }) => open.forEach((l) => l(t)),
  };
}

/**
 * The room container's talk with the ChatApi: message actions for the rows (one stable object,
 * so memoized rows do not re-render on every keystroke), sending, editing and uploading.
 */
import { useMemo, useRef } from 'react';
import type { ChatApi, ServerView, TimelineMessage } from '../../../shared/api/index.js';
import { fileUrl } from '../../../shared/client/index.js';
import type { FileInfo } from '../../../shared/protocol/index.js';
import { errorMessage } from '../helpers/errors.js';
import { formatBytes } from '../helpers/format.js';
import type { MessageActions } from './messageActions.js';

/** What the room container needs to react to. */
export interface RoomCallbacks {
  startEdit(m: TimelineMessage): void;
  confirmDelete(m: TimelineMessage): void;
  openImage(file: FileInfo): void;
  showError(message: string): void;
}

/** Binds the actions to one room. */
export function useRoomActions(
  api: ChatApi,
  server: ServerView,
  roomId: string,
  callbacks: RoomCallbacks,
) {
  const serverRef = useRef(server);
  serverRef.current = server;
  const cb = useRef(callbacks);
  cb.current = callbacks;
  return useMemo(() => {
    const serverId = server.id;
    const at = { serverId, roomId };
    const report = (err: unknown) => cb.current.showError(errorMessage(err));
    const actions: MessageActions = {
      react: (m, emoji, on) =>
        void api.call('react', { ...at, seq: m.seq, emoji, on }).catch(report),
      startEdit: (m) => cb.current.startEdit(m),
      remove: (m) => cb.current.confirmDelete(m),
      retry: (m) => void api.call('retryMessage', { ...at, clientId: m.clientId }).catch(report),
      discard: (m) =>
        void api.call('discardMessage', { ...at, clientId: m.clientId }).catch(report),
      download: (file) => void api.call('download', { ...at, file }).catch(report),
      openImage: (file) => cb.current.openImage(file),
      fileSrc: (file) => fileUrl(serverRef.current, file.id),
      nameOf: (id) => serverRef.current.users.find((u) => u.id === id)?.name ?? 'someone',
    };
    return {
      actions,
      /** Resolves false when the message was not accepted (the composer then keeps the text). */
      send: (text: string): Promise<boolean> =>
        api.call('sendMessage', { ...at, text }).then(
          () => true,
          (err: unknown) => {
            report(err);
            return false;
          },
        ),
      edit: (seq: number, text: string) =>
        void api.call('editMessage', { ...at, seq, text }).catch(report),
      remove: (seq: number) => void api.call('deleteMessage', { ...at, seq }).catch(report),
      setTyping: (typing: boolean) =>
        void api.call('setTyping', { ...at, typing }).catch(() => undefined),
      loadOlder: () => void api.call('loadOlder', at).catch(report),
      /** Files too big for the server are refused here, with a message; the rest are returned. */
      acceptable: (files: readonly File[]): File[] => {
        const max = serverRef.current.info?.maxUploadBytes;
        return files.filter((file) => {
          if (max === undefined || file.size <= max) return true;
          cb.current.showError(
            `“${file.name}” is ${formatBytes(file.size)}; this server accepts files up to ${formatBytes(max)}.`,
          );
          return false;
        });
      },
      /** Sends the files; the caption goes with the first. */
      upload: (files: readonly File[], caption = '') => {
        const max = serverRef.current.info?.maxUploadBytes;
        files.forEach((file, i) => {
          if (max !== undefined && file.size > max) {
            cb.current.showError(
              `“${file.name}” is ${formatBytes(file.size)}; this server accepts files up to ${formatBytes(max)}.`,
            );
            return;
          }
          const text = i === 0 && caption ? { text: caption } : {};
          api.upload({ ...at, ...text }, file).catch(report);
        });
      },
      cancelTransfer: (transferId: string) =>
        void api.call('cancelTransfer', { transferId }).catch(() => undefined),
      dismissTransfer: (transferId: string) =>
        void api.call('dismissTransfer', { transferId }).catch(() => undefined),
    };
  }, [api, server.id, roomId]);
}

/** The actions on rooms, messages and files of one server: each checks, then asks that server. */
import type { UploadSource } from '../api/chatApi.js';
import { ChatApiError, parseUploadTarget } from '../api/calls.js';
import type { UploadResponse } from '../protocol/index.js';
import { fileUrl } from './address.js';
import type { Handlers } from './chatClient.js';
import type { ChatClientDeps } from './deps.js';
import { formatBytes } from './formatBytes.js';
import type { ServerClient } from './serverClient.js';
import type { Transfers } from './transfers.js';

/** What these actions need from the engine. */
export interface RoomActionContext {
  server(serverId: string): ServerClient;
  /** The server, or a readable "not connected" error. */
  online(serverId: string): ServerClient;
  transfers: Transfers;
  deps: ChatClientDeps;
}

type RoomActionName =
  | 'sendMessage'
  | 'retryMessage'
  | 'discardMessage'
  | 'editMessage'
  | 'deleteMessage'
  | 'react'
  | 'setTyping'
  | 'markRead'
  | 'loadOlder'
  | 'createRoom'
  | 'joinRoom'
  | 'leaveRoom'
  | 'openDm'
  | 'searchUsers'
  | 'setPresence'
  | 'download'
  | 'cancelTransfer'
  | 'dismissTransfer';

/** Handlers for the room, message and file actions. */
export function roomActions(ctx: RoomActionContext): Pick<Handlers, RoomActionName> {
  const { server, online, transfers, deps } = ctx;
  return {
    async searchUsers({ serverId, query, cursor, limit }) {
      return online(serverId).directory.search(query, cursor, limit);
    },
    async sendMessage({ serverId, roomId, text }) {
      return { clientId: await server(serverId).send(roomId, text) };
    },
    async retryMessage({ serverId, roomId, clientId }) {
      server(serverId).retry(roomId, clientId);
    },
    async discardMessage({ serverId, roomId, clientId }) {
      server(serverId).discard(roomId, clientId);
    },
    async editMessage({ serverId, roomId, seq, text }) {
      await online(serverId).request({ type: 'message:edit', roomId, seq, text });
    },
    async deleteMessage({ serverId, roomId, seq }) {
      await online(serverId).request({ type: 'message:delete', roomId, seq });
    },
    async react({ serverId, roomId, seq, emoji, on }) {
      await online(serverId).request({
        type: on ? 'reaction:add' : 'reaction:remove',
        roomId,
        seq,
        emoji,
      });
    },
    async setTyping({ serverId, roomId, typing }) {
      server(serverId).fire({ type: 'typing', roomId, typing });
    },
    async markRead({ serverId, roomId, seq }) {
      server(serverId).markRead(roomId, seq);
    },
    async loadOlder({ serverId, roomId }) {
      await server(serverId).loadOlder(roomId);
    },
    async createRoom({ serverId, name, topic, private: isPrivate }) {
      const f = await online(serverId).request({
        type: 'room:create',
        name,
        ...(topic ? { topic } : {}),
        ...(isPrivate ? { private: true } : {}),
      });
      if (f.type !== 'room:joined') throw new ChatApiError('internal', 'unexpected answer');
      return { roomId: f.room.id };
    },
    async joinRoom({ serverId, roomId }) {
      await online(serverId).request({ type: 'room:join', roomId });
    },
    async leaveRoom({ serverId, roomId }) {
      await online(serverId).request({ type: 'room:leave', roomId });
    },
    async openDm({ serverId, userId }) {
      const f = await online(serverId).request({ type: 'dm:open', userId });
      if (f.type !== 'room:joined') throw new ChatApiError('internal', 'unexpected answer');
      return { roomId: f.room.id };
    },
    async setPresence({ serverId, status }) {
      await online(serverId).request({ type: 'presence:set', status });
    },
    async download({ serverId, roomId, file }) {
      const s = server(serverId);
      const token = s.stored.token;
      if (!token) throw new ChatApiError('unauthorized', 'Sign in to this server first.');
      const { id, done } = transfers.run(
        { kind: 'download', serverId, roomId, name: file.name, size: file.size, fileId: file.id },
        (onProgress, signal) =>
          deps.http.download({
            url: fileUrl({ url: s.stored.url }, file.id),
            token,
            file,
            onProgress,
            signal,
            ...(s.stored.fingerprint ? { fingerprint: s.stored.fingerprint } : {}),
          }),
      );
      done.catch(() => undefined);
      return { transferId: id };
    },
    async cancelTransfer({ transferId }) {
      transfers.cancel(transferId);
    },
    async dismissTransfer({ transferId }) {
      transfers.dismiss(transferId);
    },
  };
}

/** Uploads a file to a room, then shares it there through the outbox like any message. */
export async function uploadFile(
  ctx: RoomActionContext,
  target: { serverId: string; roomId: string; text?: string },
  file: UploadSource,
): Promise<string> {
  const { serverId, roomId, text } = parseUploadTarget(target);
  const s = ctx.online(serverId);
  s.requireJoined(roomId);
  const max = s.info?.maxUploadBytes ?? Infinity;
  if (file.size > max)
    throw new ChatApiError(
      'too_large',
      `${file.name} is ${formatBytes(file.size)}; this server takes files up to ${formatBytes(max)}.`,
    );
  const token = s.stored.token!;
  const { id, done } = ctx.transfers.run(
    { kind: 'upload', serverId, roomId, name: file.name, size: file.size },
    (onProgress, signal) =>
      ctx.deps.http.upload({
        url: new URL(`/api/rooms/${encodeURIComponent(roomId)}/files`, s.stored.url).href,
        token,
        file,
        onProgress,
        signal,
        ...(s.stored.fingerprint ? { fingerprint: s.stored.fingerprint } : {}),
      }),
  );
  done
    .then((res: UploadResponse) => s.send(roomId, text ?? '', res.file.id, res.file))
    // A failed upload is shown on its transfer; a refused share, in the timeline's outbox.
    .catch(() => undefined);
  return id;
}

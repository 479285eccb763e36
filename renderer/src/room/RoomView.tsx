/** One open room: header, messages, typing line, transfers and composer. The room container. */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type {
  RoomView as RoomData,
  ServerView,
  TimelineMessage,
  Transfer,
} from '../../../shared/api/index.js';
import type { FileInfo } from '../../../shared/protocol/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { AddPeopleDialog } from '../access/AddPeopleDialog.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { useTimeline } from '../hooks/useTimeline.js';
import { errorMessage } from '../helpers/errors.js';
import { roomLabel, roomTitle } from '../helpers/roomLabel.js';
import { Composer } from './Composer.js';
import { ImageDialog } from './ImageDialog.js';
import { MessageItem } from './MessageItem.js';
import { MessageList } from './MessageList.js';
import { RoomHeader } from './RoomHeader.js';
import { buildRows, newLineIndex, rowKey, type MessageRow } from './rows.js';
import { TransferTray } from './TransferTray.js';
import { createTypingThrottle } from './typingThrottle.js';
import { TypingLine } from './TypingLine.js';
import { UploadPreview } from './UploadPreview.js';
import { useArrivalAnnouncer } from './useArrivalAnnouncer.js';
import { useFileDrop } from './useFileDrop.js';
import { useRoomActions } from './useRoomActions.js';
import { useMentionLookup } from '../hooks/useDirectorySearch.js';

/** Props: the server, the room, and this room's transfers. */
export interface RoomViewProps {
  /** The phone layout's menu button, drawn in the header. */
  menu?: ReactNode;
  server: ServerView;
  room: RoomData;
  transfers: readonly Transfer[];
}

/** Finished transfers linger this long so people see they worked. */
const DONE_LINGER_MS = 4000;

/** The open room. */
export function RoomView({ menu, server, room, transfers }: RoomViewProps) {
  const api = useChatApi();
  const timeline = useTimeline(server.id, room.id);
  const me = server.me;
  const [editing, setEditing] = useState<TimelineMessage>();
  const [deleting, setDeleting] = useState<TimelineMessage>();
  const [image, setImage] = useState<FileInfo>();
  const [error, setError] = useState<string>();
  // Picked, dropped or pasted files wait here for Send or Cancel.
  const [pending, setPending] = useState<File[]>();
  const [adding, setAdding] = useState(false);
  const ops = useRoomActions(api, server, room.id, {
    startEdit: setEditing,
    confirmDelete: setDeleting,
    openImage: setImage,
    showError: setError,
  });
  const typing = useMemo(() => createTypingThrottle(ops.setTyping), [ops]);
  useEffect(() => () => typing.stop(), [typing]);
  const pick = useCallback(
    (files: File[]) => {
      const ok = ops.acceptable(files);
      if (ok.length > 0) setPending(ok);
    },
    [ops],
  );
  const drop = useFileDrop(pick);

  const messages = timeline?.messages;
  const readSeq = timeline?.readSeq ?? 0;
  // What was already in the room when it opened; later arrivals are read as they come.
  const [openedLastSeq] = useState(room.lastSeq);
  const rows = useMemo(
    () => buildRows(messages ?? [], readSeq, me?.id, openedLastSeq),
    [messages, readSeq, me?.id, openedLastSeq],
  );
  // The line is placed once, when the room opens; later reads must not move the view.
  const startIndex = useRef<number | undefined>(undefined);
  if (startIndex.current === undefined && timeline && !timeline.loading) {
    const line = newLineIndex(rows);
    startIndex.current = line >= 0 && rows.length - line > 15 ? line : -1;
  }
  const newLine =
    startIndex.current !== undefined && startIndex.current >= 0 ? startIndex.current : undefined;
  // A jump (search hit) opens the list on that message, centred and highlighted.
  const focusKey = timeline?.focusSeq !== undefined ? `s${timeline.focusSeq}` : undefined;
  const focusIndex = focusKey ? rows.findIndex((r) => r.key === focusKey) : -1;
  const start = focusIndex >= 0 ? focusIndex : newLine;
  const names = useMemo(() => server.users.map((u) => u.name), [server.users]);
  const byId = useMemo(() => new Map(server.users.map((u) => [u.id, u])), [server.users]);
  const others = useMemo(() => server.users.filter((u) => u.id !== me?.id), [server.users, me?.id]);
  const lookUpMention = useMentionLookup(server.id);

  // One timer per finished transfer, keyed by id: the transfers array is new on every state
  // change, and restarting the timers each time would keep busy rooms' cards up forever.
  const finished = transfers
    .filter((t) => t.status === 'done' || t.status === 'canceled')
    .map((t) => `${t.id}:${t.status}`)
    .join(',');
  useEffect(() => {
    if (!finished) return;
    const timers = finished.split(',').map((entry) => {
      const [id, status] = entry.split(':') as [string, string];
      return setTimeout(() => ops.dismissTransfer(id), status === 'done' ? DONE_LINGER_MS : 0);
    });
    return () => timers.forEach(clearTimeout);
  }, [finished, ops]);

  const editLast = useCallback(() => {
    const mine = messages?.findLast(
      (m) => m.authorId === me?.id && m.status === 'sent' && !m.deleted && m.text !== '',
    );
    if (mine) setEditing(mine);
  }, [messages, me?.id]);

  const renderRow = useCallback(
    (row: MessageRow) => {
      const item = (
        <MessageItem
          row={row}
          author={byId.get(row.message.authorId)}
          me={me}
          names={names}
          editing={!!editing && rowKey(editing) === row.key}
          actions={ops.actions}
        />
      );
      return row.key === focusKey ? (
        <div className="message-focus" data-focused="true">
          {item}
        </div>
      ) : (
        item
      );
    },
    [byId, me, names, editing, ops.actions, focusKey],
  );
  const loadNewer = useCallback(
    () =>
      void api
        .call('loadNewer', { serverId: server.id, roomId: room.id })
        .catch((e: unknown) => setError(errorMessage(e))),
    [api, server.id, room.id],
  );

  const arrival = useArrivalAnnouncer(
    timeline && !timeline.loading ? messages : undefined,
    me?.id,
    ops.actions.nameOf,
  );
  const title = roomTitle(room, server);
  const typingNames = room.typing.map((id) => byId.get(id)?.name ?? 'Someone');
  const dmUser = room.dmUserId ? byId.get(room.dmUserId) : undefined;
  return (
    <div className="room" {...drop.handlers}>
      <RoomHeader
        menu={menu}
        title={title}
        kind={room.kind}
        topic={room.topic}
        memberCount={room.memberCount}
        muted={room.muted}
        presence={dmUser?.status}
        onToggleMute={() =>
          void api
            .call('setMuted', { serverId: server.id, roomId: room.id, muted: !room.muted })
            .catch((e: unknown) => setError(errorMessage(e)))
        }
        isPrivate={room.private === true}
        onAddPeople={room.private && room.joined ? () => setAdding(true) : undefined}
        onLeave={
          room.kind === 'room'
            ? () =>
                void api
                  .call('leaveRoom', { serverId: server.id, roomId: room.id })
                  .catch((e: unknown) => setError(errorMessage(e)))
            : undefined
        }
      />
      {adding && (
        <AddPeopleDialog
          roomName={title}
          candidates={server.users.filter((u) => !u.banned && !room.members.includes(u.id))}
          onAdd={(userId) =>
            api.call('addMember', { serverId: server.id, roomId: room.id, userId })
          }
          onClose={() => setAdding(false)}
        />
      )}
      {timeline && !(timeline.loading && rows.length === 0) ? (
        <MessageList
          key={focusKey ?? 'live'}
          label={`Messages in ${title}`}
          rows={rows}
          hasOlder={timeline.hasOlder}
          hasNewer={timeline.hasNewer}
          onLoadNewer={loadNewer}
          loading={timeline.loading}
          startIndex={start}
          startAlign={focusIndex >= 0 ? 'center' : 'start'}
          meId={me?.id}
          roomTitle={title}
          kind={room.kind}
          onLoadOlder={ops.loadOlder}
          renderRow={renderRow}
        />
      ) : (
        <div
          className="message-list loading"
          role="log"
          aria-label={`Messages in ${title}`}
          aria-busy="true"
        >
          <p className="muted">Loading messages…</p>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {arrival}
      </p>
      <TypingLine names={typingNames} />
      <TransferTray
        transfers={transfers}
        onCancel={ops.cancelTransfer}
        onDismiss={ops.dismissTransfer}
      />
      <Composer
        key={`${server.id}/${room.id}`}
        draftKey={`${server.id}/${room.id}`}
        placeholder={
          room.kind === 'room' ? `Message #${room.name}` : `Message ${roomLabel(room, server)}`
        }
        users={others}
        onMentionQuery={lookUpMention}
        editing={editing ? { key: rowKey(editing), text: editing.text } : undefined}
        error={error}
        onSend={ops.send}
        onSaveEdit={(text) => {
          if (editing) ops.edit(editing.seq, text);
          setEditing(undefined);
        }}
        onCancelEdit={() => setEditing(undefined)}
        onEditLast={editLast}
        onTyping={typing.input}
        onStopTyping={typing.stop}
        onFiles={pick}
        onDismissError={() => setError(undefined)}
      />
      {drop.over && (
        <div className="drop-overlay" aria-hidden="true">
          Drop to share in {title}
        </div>
      )}
      {pending && (
        <UploadPreview
          files={pending}
          roomTitle={title}
          onSend={(caption) => {
            setPending(undefined);
            ops.upload(pending, caption);
          }}
          onCancel={() => setPending(undefined)}
        />
      )}
      {image && (
        <ImageDialog
          file={image}
          src={ops.actions.fileSrc(image)}
          onClose={() => setImage(undefined)}
          onDownload={() => ops.actions.download(image)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete message?"
          body="It will be removed for everyone. This cannot be undone."
          confirmLabel="Delete"
          onConfirm={() => ops.remove(deleting.seq)}
          onClose={() => setDeleting(undefined)}
        />
      )}
    </div>
  );
}

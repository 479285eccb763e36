/**
 * The decisions behind desktop notifications and the unread badge, as pure functions: which
 * notice becomes a notification, what it says, and what number the tray and dock show.
 */
import type { AppState, MessageNotice } from '../../shared/api/index.js';
import { noticeBody, shouldNotify, type ViewState } from '../../shared/client/notifications.js';

/** A notification to show, and the room a click opens. */
export interface NotificationContent {
  title: string;
  body: string;
  /** No sound: the person turned sounds off. */
  silent: boolean;
  target: { serverId: string; roomId: string };
}

/** "Ann" for a DM, "Ann in #general" for a room. */
export function noticeTitle(notice: MessageNotice): string {
  return notice.roomKind === 'dm'
    ? notice.authorName
    : `${notice.authorName} in #${notice.roomName}`;
}

/** The text shortened to one line; a message with no text is a shared file. */
export function noticeText(notice: MessageNotice): string {
  return noticeBody(notice.text) || 'Shared a file';
}

/** The notification for a notice, or null when the user should not be disturbed. */
export function notificationFor(
  notice: MessageNotice,
  view: ViewState,
): NotificationContent | null {
  if (!shouldNotify(notice, view)) return null;
  return {
    title: noticeTitle(notice),
    body: noticeText(notice),
    silent: !notice.sound,
    target: { serverId: notice.serverId, roomId: notice.roomId },
  };
}

/**
 * The number on the tray and dock: unread messages in rooms that are not muted, plus mentions
 * in muted ones (a muted room stays quiet except when someone calls you by name; DMs count as
 * mentions).
 */
export function badgeCount(state: AppState): number {
  let total = 0;
  for (const server of state.servers)
    for (const room of server.rooms) total += room.muted ? room.mentions : room.unread;
  return total;
}

/** Tooltip of the tray icon. */
export function trayTooltip(unread: number): string {
  if (unread <= 0) return 'Parley';
  return `Parley — ${unread} unread message${unread === 1 ? '' : 's'}`;
}

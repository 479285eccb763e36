/** When a new message becomes a desktop or browser notification. */
import type { MessageNotice } from '../api/chatApi.js';

/** What the user is looking at right now. */
export interface ViewState {
  focused: boolean;
  visible: boolean;
  serverId?: string;
  roomId?: string;
}

/** Whether `text` mentions `name` as `@name` (case-insensitive, not inside a longer name). */
export function mentions(text: string, name: string | undefined): boolean {
  if (!name) return false;
  const lower = text.toLowerCase();
  const needle = `@${name.toLowerCase()}`;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) {
    const before = i === 0 ? '' : lower[i - 1]!;
    const after = lower.slice(i + needle.length, i + needle.length + 1);
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_-]/u.test(after)) return true;
  }
  return false;
}

/**
 * Notify unless the user is looking at that very room in a focused, visible window. Muted rooms
 * stay quiet, except that DMs and @mentions always come through.
 */
export function shouldNotify(notice: MessageNotice, view: ViewState): boolean {
  const looking =
    view.focused &&
    view.visible &&
    view.serverId === notice.serverId &&
    view.roomId === notice.roomId;
  if (looking) return false;
  if (notice.roomKind === 'dm' || notice.mention) return true;
  return !notice.muted;
}

/** Notification body: the text on one line, shortened; a file-only message names its file. */
export function noticeBody(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** When a new message becomes a desktop or browser notification. */
import type { MessageNotice } from '../api/chatApi.js';
import { levelAllows, mentions } from '../notifyLevels.js';

export { mentions };

/** What the user is looking at right now. */
export interface ViewState {
  focused: boolean;
  visible: boolean;
  serverId?: string;
  roomId?: string;
}

/**
 * Notify unless the user is looking at that very room in a focused, visible window, or is on
 * do-not-disturb. Otherwise the room's level decides: all messages, only @mentions and DMs (the
 * default), or none. A muted room never says more than mentions and DMs.
 */
export function shouldNotify(notice: MessageNotice, view: ViewState): boolean {
  const looking =
    view.focused &&
    view.visible &&
    view.serverId === notice.serverId &&
    view.roomId === notice.roomId;
  if (looking || notice.dnd) return false;
  const level = notice.muted && notice.level === 'all' ? 'mentions' : notice.level;
  return levelAllows(level, { dm: notice.roomKind === 'dm', mention: notice.mention });
}

/** Notification body: the text on one line, shortened; a file-only message names its file. */
export function noticeBody(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

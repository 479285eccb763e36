/** What a message row can ask its container to do. One object per room, so rows stay cheap. */
import type { TimelineMessage } from '../../../shared/api/index.js';
import type { FileInfo } from '../../../shared/protocol/index.js';

/** Actions on one message, provided by the room container. */
export interface MessageActions {
  react(m: TimelineMessage, emoji: string, on: boolean): void;
  startEdit(m: TimelineMessage): void;
  remove(m: TimelineMessage): void;
  retry(m: TimelineMessage): void;
  discard(m: TimelineMessage): void;
  download(file: FileInfo): void;
  openImage(file: FileInfo): void;
  /** URL an <img> can load the file from. */
  fileSrc(file: FileInfo): string;
  /** A user's display name by id. */
  nameOf(userId: string): string;
}

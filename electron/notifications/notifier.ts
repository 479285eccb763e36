/**
 * Desktop notifications: listens to the engine's notices, asks notifyRules whether and what to
 * show, and turns a click into "show the window and open that room" (the engine's openRoom,
 * which the renderer hears through onOpenRoom). The Electron Notification class comes in as a
 * factory, so tests count notifications with a fake.
 */
import type { ChatApi } from '../../shared/api/index.js';
import type { ViewState } from '../../shared/client/notifications.js';
import type { Logger } from '../../shared/log.js';
import { notificationFor } from './notifyRules.js';

/** A room to open. */
export interface RoomTarget {
  serverId: string;
  roomId: string;
}

/** The part of an Electron Notification used here. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
  close(): void;
}

/** Makes a notification; null when the platform cannot show one. */
export type NotificationFactory = (content: {
  title: string;
  body: string;
  silent: boolean;
}) => NotificationLike | null;

/** What the notifier needs. */
export interface NotifierOptions {
  client: Pick<ChatApi, 'onNotice'>;
  view(): ViewState;
  create: NotificationFactory;
  onClick(target: RoomTarget): void;
  log: Logger;
}

/** Starts showing notifications; returns the stop function (which also closes open ones). */
export function startNotifier(opts: NotifierOptions): () => void {
  // One notification per room: a burst in one room replaces, not stacks. Holding the objects
  // also keeps them from being garbage-collected, which would lose their click handler.
  const open = new Map<string, NotificationLike>();
  const stop = opts.client.onNotice((notice) => {
    const content = notificationFor(notice, opts.view());
    if (!content) return;
    let n: NotificationLike | null;
    try {
      n = opts.create({ title: content.title, body: content.body, silent: content.silent });
    } catch (err) {
      opts.log.warn('could not create a notification', err);
      return;
    }
    if (!n) return;
    const key = `${content.target.serverId}/${content.target.roomId}`;
    const previous = open.get(key);
    open.set(key, n);
    previous?.close();
    const forget = (): void => {
      if (open.get(key) === n) open.delete(key);
    };
    n.on('close', forget);
    n.on('click', () => {
      forget();
      opts.onClick(content.target);
    });
    n.show();
  });
  return () => {
    stop();
    for (const n of open.values()) n.close();
    open.clear();
  };
}

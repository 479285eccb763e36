/**
 * Browser notifications for a guest tab. The desktop shell notifies by itself, so this does
 * nothing there. Permission is only asked from a click (browsers ignore requests without one).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { MessageNotice } from '../../../shared/api/index.js';
import { noticeBody, shouldNotify, type ViewState } from '../../../shared/client/notifications.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { isDesktop } from '../api/getChatApi.js';
import { plainText } from '../markdown/plainText.js';

/** Notification permission as the UI shows it; 'unsupported' hides the control. */
export type NotifyPermission = NotificationPermission | 'unsupported';

function permissionNow(): NotifyPermission {
  if (isDesktop() || typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** Shows notices as notifications; returns the permission and a click handler to ask for it. */
export function useBrowserNotifications(
  view: RefObject<ViewState>,
  open: (target: { serverId: string; roomId: string }) => void,
): { permission: NotifyPermission; request: () => void } {
  const api = useChatApi();
  const [permission, setPermission] = useState<NotifyPermission>(permissionNow);
  // The latest click handler, without subscribing again on every render.
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (permission !== 'granted') return;
    return api.onNotice((notice: MessageNotice) => {
      if (!shouldNotify(notice, view.current)) return;
      const title =
        notice.roomKind === 'dm'
          ? notice.authorName
          : `${notice.authorName} in #${notice.roomName}`;
      const n = new Notification(title, {
        body: noticeBody(plainText(notice.text)),
        tag: `${notice.serverId}/${notice.roomId}`,
        silent: !notice.sound,
      });
      n.onclick = () => {
        window.focus();
        openRef.current({ serverId: notice.serverId, roomId: notice.roomId });
        n.close();
      };
    });
  }, [api, permission, view]);
  const request = useCallback(() => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then(setPermission);
  }, []);
  return { permission, request };
}

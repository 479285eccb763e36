/**
 * Tells the engine what the user is looking at (room, window focus, tab visibility): it decides
 * read markers and notifications from that. The same view is returned for the page's own
 * notification decisions.
 */
import { useEffect, useRef, useState } from 'react';
import type { ViewState } from '../../../shared/client/notifications.js';
import { useChatApi } from '../api/ChatApiContext.js';

function currentWindow(): { focused: boolean; visible: boolean } {
  return { focused: document.hasFocus(), visible: document.visibilityState === 'visible' };
}

/** Reports the view on every change; returns a ref that always holds the latest view. */
export function useViewReporter(serverId?: string, roomId?: string) {
  const api = useChatApi();
  const [win, setWin] = useState(currentWindow);
  const view = useRef<ViewState>({ ...win, serverId, roomId });
  useEffect(() => {
    const update = () => setWin(currentWindow());
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  useEffect(() => {
    view.current = { ...win, serverId, roomId };
    api
      .call('setView', {
        ...(serverId ? { serverId } : {}),
        ...(roomId ? { roomId } : {}),
        focused: win.focused,
        visible: win.visible,
      })
      .catch(() => undefined);
  }, [api, serverId, roomId, win.focused, win.visible]);
  return view;
}

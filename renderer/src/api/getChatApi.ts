/**
 * Where the UI's ChatApi comes from: the desktop preload's `window.parley` (engine in Electron
 * main), or an engine built right here in the tab for a browser guest of the page's server.
 */
import type { ChatApi } from '../../../shared/api/index.js';
import type { SocketLike } from '../../../shared/client/deps.js';
import { createChatClient } from '../../../shared/client/index.js';
import { browserHttp } from './browserHttp.js';
import { createBrowserStorage } from './browserStorage.js';
import { fromBridge } from './fromBridge.js';

declare global {
  interface Window {
    /** Set by the desktop preload; absent in a plain browser tab. */
    parley?: ChatApi;
  }
}

let api: ChatApi | undefined;

/** Whether the desktop shell provides the ChatApi (it then also shows notifications). */
export function isDesktop(): boolean {
  return window.parley !== undefined;
}

/** The one ChatApi of this page. */
export function getChatApi(): ChatApi {
  api ??= window.parley
    ? fromBridge(window.parley)
    : createChatClient({
        // The DOM's handler types are narrower than SocketLike's; the engine only uses the subset.
        socket: (url) => new WebSocket(url) as unknown as SocketLike,
        http: browserHttp,
        storage: createBrowserStorage(),
        guestOf: location.origin,
      });
  return api;
}

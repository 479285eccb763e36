import { chatApiContract, type ApiHarness } from './chatApiContract.js';
import { findContract } from './findContract.js';
import { fetchHttp, memoryStorage, switchableSockets, TEST_TIMING } from '../helpers/engine.js';
import { createIpcPair, APP_PAGE_URL } from '../helpers/ipcPair.js';
import { createChatClient } from '../../shared/client/index.js';
import { registerIpcHandlers } from '../../electron/ipc/handlers.js';
import { createIpcChatApi } from '../../electron/ipc/rendererApi.js';

// The desktop shape: engine in main, the page talks to it through preload + IPC handlers.
const make = (): ApiHarness => {
  const net = switchableSockets();
  const http = fetchHttp();
  const engine = createChatClient(
    { socket: net.factory, http, storage: memoryStorage() },
    TEST_TIMING,
  );
  const pair = createIpcPair();
  const dispose = registerIpcHandlers(pair.main, engine, {
    isTrustedSender: (url) => url.startsWith('parley://app/') && url === APP_PAGE_URL,
  });
  return {
    api: createIpcChatApi(pair.renderer),
    cut: net.cut,
    restore: net.restore,
    openRoom: (target) => engine.openRoom(target),
    // A pasted image has no path: the preload sends its bytes.
    file: (name, type, bytes) => new File([bytes as unknown as BlobPart], name, { type }),
    downloaded: (id) => http.downloads.get(id),
    close: async () => {
      dispose();
      pair.destroy();
      await engine.dispose();
    },
  };
};

chatApiContract('preload + IPC + engine in main', make);
findContract('preload + IPC + engine in main', make);

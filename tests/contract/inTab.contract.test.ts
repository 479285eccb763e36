import { chatApiContract, type ApiHarness } from './chatApiContract.js';
import { findContract } from './findContract.js';
import { fetchHttp, memoryStorage, switchableSockets, TEST_TIMING } from '../helpers/engine.js';
import { createChatClient } from '../../shared/client/index.js';

// The browser guest's shape: the engine lives beside the UI and is the ChatApi itself.
const make = (): ApiHarness => {
  const net = switchableSockets();
  const http = fetchHttp();
  const engine = createChatClient(
    { socket: net.factory, http, storage: memoryStorage() },
    TEST_TIMING,
  );
  return {
    api: engine,
    cut: net.cut,
    restore: net.restore,
    openRoom: (target) => engine.openRoom(target),
    file: (name, type, bytes) => Object.assign({ name, type, size: bytes.length }, { bytes }),
    downloaded: (id) => http.downloads.get(id),
    close: () => engine.dispose(),
  };
};

chatApiContract('engine in the tab', make);
findContract('engine in the tab', make);

/**
 * The preload: gives the page `window.parley`, a ChatApi over IPC, and nothing else (no raw
 * ipcRenderer, no Node). Sandboxed preloads cannot load ES modules or local files, so this is
 * bundled into one CommonJS file by vite.preload.config.ts.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { forBridge } from './ipc/bridgeErrors.js';
import { CHANNELS } from './ipc/channels.js';
import { createIpcChatApi } from './ipc/rendererApi.js';
import { watchUserFiles } from './uploads/userFiles.js';

// Paths come only from webUtils, which accepts real File objects: the page cannot make main
// read an arbitrary path by passing an object with a `path` field.
contextBridge.exposeInMainWorld(
  'parley',
  forBridge(createIpcChatApi(ipcRenderer, (file) => webUtils.getPathForFile(file as File))),
);

// Main uploads a path only after the user handed that file over by a trusted gesture.
watchUserFiles(
  window,
  (file) => webUtils.getPathForFile(file as File),
  (paths) => ipcRenderer.send(CHANNELS.grant, paths),
);

/**
 * Composition root of the desktop app: hosts the embedded server and opens a locked-down window
 * on it. The full shell (tray, notifications, ChatApi over IPC) is built on this.
 */
import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { startServer, type ParleyServer } from './server/server.js';
import {
  ALLOWED_PERMISSIONS,
  isExternalLinkAllowed,
  isSameOrigin,
  SECURE_WEB_PREFERENCES,
} from './security.js';

let server: ParleyServer | undefined;

async function hostAndOpen(): Promise<void> {
  const dataDir = join(app.getPath('userData'), 'server');
  server = await startServer({ dataDir, port: 4747 }).catch(() =>
    startServer({ dataDir, port: 0 }),
  );
  const origin = new URL(server.url).origin;
  session.defaultSession.setPermissionRequestHandler((_wc, permission, done) =>
    done(ALLOWED_PERMISSIONS.has(permission)),
  );
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    title: 'Parley',
    webPreferences: SECURE_WEB_PREFERENCES,
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isSameOrigin(url, origin)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  await win.loadURL(`${server.url}/`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!server) return;
    event.preventDefault();
    const s = server;
    server = undefined;
    void s.stop().finally(() => app.quit());
  });
  void app.whenReady().then(hostAndOpen);
}

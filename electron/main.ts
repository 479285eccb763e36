/**
 * Composition root of the desktop app: the Chat Client Engine runs here in main (with Node
 * sockets, HTTP, storage and the embedded server), the window talks to it over IPC, and the
 * tray, badge and notifications follow its state. Every part lives in its own module and is
 * tested there; this file only wires them to the real Electron objects.
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
} from 'electron';
import WebSocket from 'ws';
import { createChatClient, type SocketLike } from '../shared/client/index.js';
import { createLogger, type LogLevel } from '../shared/log.js';
import { APP_SCHEME_PRIVILEGES, serveApp } from './window/appProtocol.js';
import { createClientStorage } from './storage/clientStorage.js';
import { createHostController } from './hosting/hostController.js';
import { registerIpcHandlers } from './ipc/handlers.js';
import { createNodeHttp } from './transport/nodeHttp.js';
import { startNotifier } from './notifications/notifier.js';
import { APP_START_URL, isAppUrl } from './window/security.js';
import { APP_ROOT } from './server/version.js';
import { createTray, loadTrayImage, startUnreadIndicators } from './notifications/tray.js';
import { ViewTracker, withWindowView } from './window/viewTracker.js';
import {
  createMainWindow,
  guardWebContents,
  lockDownSession,
  showWindow,
} from './window/mainWindow.js';

const log = createLogger('main', (process.env.PARLEY_LOG as LogLevel | undefined) ?? 'info');
/** Set once the user really quits (tray menu, app menu, Cmd+Q): closing then closes. */
let quitting = false;

// Must happen before ready: the scheme's privileges are fixed when Chromium starts.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every webContents, not just the main window's, gets the navigation and window.open rules.
app.on('web-contents-created', (_event, contents) =>
  guardWebContents(contents, (url) => shell.openExternal(url), log.child('web')),
);

async function run(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId('chat.parley.app');
  const userData = app.getPath('userData');
  lockDownSession(session.defaultSession);
  serveApp(protocol, join(APP_ROOT, 'dist', 'renderer'));

  const host = createHostController({ dataDir: join(userData, 'server'), log: log.child('host') });
  const engine = createChatClient({
    // ws implements the standard WebSocket surface the engine uses; its typings name events differently.
    socket: (url) => new WebSocket(url) as unknown as SocketLike,
    http: createNodeHttp({ downloadsDir: app.getPath('downloads') }),
    storage: createClientStorage({ dir: userData, log: log.child('storage') }),
    host,
  });

  const tracker = new ViewTracker((view) =>
    engine.call('setView', view).catch((err: unknown) => log.warn('setView failed', err)),
  );
  const disposeIpc = registerIpcHandlers(ipcMain, withWindowView(engine, tracker), {
    isTrustedSender: isAppUrl,
    log: log.child('ipc'),
  });

  const win = createMainWindow({
    BrowserWindow,
    preload: join(APP_ROOT, 'dist', 'preload', 'preload.cjs'),
    url: APP_START_URL,
    icon: join(APP_ROOT, 'dist', 'renderer', 'favicon.png'),
    isQuitting: () => quitting,
    log: log.child('window'),
  });
  const reportWindow = (): void => {
    if (win.isDestroyed()) return;
    tracker.fromWindow({
      focused: win.isFocused(),
      visible: win.isVisible() && !win.isMinimized(),
    });
  };
  win.on('focus', reportWindow);
  win.on('blur', reportWindow);
  win.on('show', reportWindow);
  win.on('hide', reportWindow);
  win.on('minimize', reportWindow);
  win.on('restore', reportWindow);

  const trayImage =
    loadTrayImage(
      (p) => nativeImage.createFromPath(p),
      APP_ROOT,
      process.platform === 'darwin' ? 16 : 24,
    ) ?? nativeImage.createEmpty();
  const tray = createTray({
    Tray,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    image: trayImage,
    onShow: () => showWindow(win),
    onQuit: () => app.quit(),
  });
  const stopIndicators = startUnreadIndicators(
    engine,
    tray,
    (count) => app.setBadgeCount(count),
    log.child('badge'),
  );
  const stopNotifier = startNotifier({
    client: engine,
    view: () => tracker.current,
    create: (content) => (Notification.isSupported() ? new Notification(content) : null),
    onClick: (target) => {
      showWindow(win);
      engine.openRoom(target);
    },
    log: log.child('notify'),
  });

  app.on('second-instance', () => showWindow(win));
  // macOS: clicking the dock icon brings the window back from the tray.
  app.on('activate', () => showWindow(win));

  let cleanedUp = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (cleanedUp) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    // Nothing may keep the app alive forever: a stuck shutdown still ends after 10 s.
    setTimeout(() => app.exit(0), 10_000).unref();
    void (async () => {
      stopNotifier();
      stopIndicators();
      disposeIpc();
      // The engine flushes the outbox to disk and stops hosting; stop() again is a no-op.
      await engine.dispose();
      await host.stop();
      tray.destroy();
    })()
      .catch((err: unknown) => log.error('error while quitting', err))
      .finally(() => {
        cleanedUp = true;
        app.quit();
      });
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Parley is running: it shows its window (second-instance) and this one leaves.
  app.quit();
} else {
  // Parley lives in the tray: the last window closing is not the end of the app.
  app.on('window-all-closed', () => undefined);
  run().catch((err: unknown) => {
    log.error('Parley could not start', err);
    app.exit(1);
  });
}

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
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
} from 'electron';
import electronUpdater from 'electron-updater';
import { createChatClient } from '../shared/client/index.js';
import { createLogger, type LogLevel } from '../shared/log.js';
import { APP_SCHEME_PRIVILEGES, serveApp } from './window/appProtocol.js';
import { createClientStorage } from './storage/clientStorage.js';
import { createHostController } from './hosting/hostController.js';
import { downloadNotice } from './downloads/downloadNotice.js';
import { createOriginMarker } from './downloads/originMark.js';
import { registerIpcHandlers } from './ipc/handlers.js';
import { handleUncaughtErrors } from './lifecycle/uncaughtErrors.js';
import { confirmJoin } from './links/joinPrompt.js';
import { createLinkRouter } from './links/linkRouter.js';
import type { JoinLink } from './links/parleyLink.js';
import { APP_SCHEME } from './window/security.js';
import { openSocket } from './transport/socket.js';
import { browseServers } from './discovery/browse.js';
import { startUpdateChecker, type UpdateChecker } from './updates/updateChecker.js';
import { createNodeHttp } from './transport/nodeHttp.js';
import { startNotifier } from './notifications/notifier.js';
import { APP_START_URL, isAppUrl } from './window/security.js';
import { APP_ROOT } from './server/version.js';
import { DesktopSettingsStore, withDesktopSettings } from './settings/desktopSettings.js';
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

// An error nobody caught is logged and Parley carries on; a stream of them restarts it cleanly.
handleUncaughtErrors({
  process,
  log: log.child('uncaught'),
  restart: () => {
    app.relaunch();
    app.quit();
  },
});

// parley:// links: macOS delivers them by open-url (possibly before ready), Windows and Linux
// on the command line of this or a second instance. They wait until the window exists.
let onJoinLink: (link: JoinLink) => void = () => undefined;
const links = createLinkRouter({
  onJoin: (link) => onJoinLink(link),
  log: log.child('links'),
});
app.on('open-url', (event, url) => {
  event.preventDefault();
  links.open(url);
});
links.openFromArgv(process.argv);

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

  const settings = await new DesktopSettingsStore({
    dir: userData,
    defaultDownloadsDir: app.getPath('downloads'),
    getLaunchAtLogin: () => app.getLoginItemSettings().openAtLogin,
    setLaunchAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    pickFolder: async (current) => {
      const picked = await dialog.showOpenDialog({
        title: 'Downloads folder',
        defaultPath: current,
        properties: ['openDirectory', 'createDirectory'],
      });
      return picked.canceled ? undefined : picked.filePaths[0];
    },
    log: log.child('settings'),
  }).load();
  const host = createHostController({ dataDir: join(userData, 'server'), log: log.child('host') });
  // A click on "Download finished" opens the file, after a warning for programs and scripts.
  const announceDownload = downloadNotice({
    notify: (content) => (Notification.isSupported() ? new Notification(content) : null),
    ask: (box) => dialog.showMessageBox(box),
    openPath: (p) => shell.openPath(p),
    showItemInFolder: (p) => shell.showItemInFolder(p),
    log: log.child('downloads'),
  });
  const engine = createChatClient({
    // ws, holding every wss connection to the server's pinned certificate.
    socket: openSocket,
    http: createNodeHttp({
      downloadsDir: () => settings.downloadsDir(),
      markOrigin: createOriginMarker({ platform: process.platform, log: log.child('downloads') }),
      onSaved: (file, path) => announceDownload(file.name, path),
    }),
    storage: createClientStorage({ dir: userData, log: log.child('storage') }),
    host,
    // The Join screen lists Parley servers on the LAN as they appear and go.
    discovery: (onChange) => {
      const browsing = browseServers(onChange);
      return () => browsing.stop();
    },
  });

  const tracker = new ViewTracker((view) =>
    engine.call('setView', view).catch((err: unknown) => log.warn('setView failed', err)),
  );
  const pageApi = withDesktopSettings(withWindowView(engine, tracker), settings);
  const disposeIpc = registerIpcHandlers(ipcMain, pageApi, {
    isTrustedSender: isAppUrl,
    log: log.child('ipc'),
  });

  const win = createMainWindow({
    BrowserWindow,
    preload: join(APP_ROOT, 'dist', 'preload', 'preload.cjs'),
    url: APP_START_URL,
    icon: join(APP_ROOT, 'dist', 'renderer', 'favicon.png'),
    // Without close-to-tray, closing the window is quitting.
    isQuitting: () => quitting || !settings.closeToTray(),
    log: log.child('window'),
  });
  const reportWindow = (): void => {
    if (win.isDestroyed()) return;
    tracker.fromWindow({
      focused: win.isFocused(),
      visible: win.isVisible() && !win.isMinimized(),
    });
  };
  win.on('closed', () => {
    if (!settings.closeToTray()) app.quit();
  });
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

  onJoinLink = (link) => {
    showWindow(win);
    confirmJoin(
      link,
      (question) => dialog.showMessageBox(win, question),
      async (l) => {
        const args = {
          url: l.url,
          ...(l.fingerprint ? { fingerprint: l.fingerprint } : {}),
          ...(l.inviteCode ? { inviteCode: l.inviteCode } : {}),
        };
        const joined = await engine.call('join', args);
        if (!joined.confirm) return;
        // A link without a fingerprint: the words are compared before anything is pinned.
        const { response } = await dialog.showMessageBox(win, {
          type: 'question',
          buttons: ['The words match', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          message: "Check the server's identity",
          detail: `Ask the host to read the words on their Parley screen. They must be the same, in the same order:\n\n${joined.confirm.words.join(' ')}`,
        });
        if (response === 0)
          await engine.call('join', { ...args, fingerprint: joined.confirm.fingerprint });
      },
    ).catch((err: unknown) => log.warn('could not join from link', err));
  };
  links.ready();
  if (app.isPackaged && !app.isDefaultProtocolClient(APP_SCHEME))
    app.setAsDefaultProtocolClient(APP_SCHEME);

  // Updates come from the servers this app has joined (never from the internet), only in an
  // installed app: a development checkout has nothing to update.
  let servers: string[] = [];
  const stopServerList = engine.onState((state) => {
    servers = state.servers.filter((s) => !s.hosted).map((s) => s.url);
  });
  let updates: UpdateChecker | undefined;
  if (app.isPackaged) {
    updates = startUpdateChecker({
      updater: electronUpdater.autoUpdater,
      servers: () => servers,
      log: log.child('updates'),
      onReady: (version) => {
        const restart = (): void => updates?.restartToUpdate();
        tray.setUpdateReady('Update ready, restart', restart);
        if (!Notification.isSupported()) return;
        const note = new Notification({
          title: 'Update ready, restart',
          body: `Parley ${version} is ready. Click to restart now, or choose "Update ready, restart" in the tray menu later.`,
        });
        note.on('click', restart);
        note.show();
      },
    });
  }

  app.on('second-instance', (_event, argv) => {
    showWindow(win);
    links.openFromArgv(argv);
  });
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
      stopServerList();
      updates?.stop();
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

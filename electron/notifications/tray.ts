/**
 * The tray icon (Parley keeps running there when the window is closed) and the unread count on
 * the tray and the dock/taskbar badge. Electron classes come in as arguments.
 */
import { join } from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { ChatApi } from '../../shared/api/index.js';
import type { Logger } from '../../shared/log.js';
import { badgeCount, trayTooltip } from './notifyRules.js';

/**
 * Icon files to try, packaged first: dist/renderer/favicon.png ships in every build, while
 * build/ (electron-builder resources) exists only in a source checkout.
 */
export function trayIconCandidates(appRoot: string): string[] {
  return [join(appRoot, 'dist', 'renderer', 'favicon.png'), join(appRoot, 'build', 'icon.png')];
}

/** Loads the first icon that exists, scaled to tray size (empty image when none does). */
export function loadTrayImage(
  createFromPath: (path: string) => NativeImage,
  appRoot: string,
  size: number,
): NativeImage | undefined {
  for (const path of trayIconCandidates(appRoot)) {
    const image = createFromPath(path);
    if (!image.isEmpty()) return image.resize({ width: size, height: size, quality: 'best' });
  }
  return undefined;
}

/** What the tray needs from Electron and from main. */
export interface TrayOptions {
  Tray: new (image: NativeImage) => Tray;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  image: NativeImage;
  onShow(): void;
  onQuit(): void;
}

/** The tray as main uses it. */
export interface ParleyTray {
  setUnread(count: number): void;
  /** Adds "Update ready, restart" (the label) at the top of the menu; null removes it. */
  setUpdateReady(label: string | null, onClick?: () => void): void;
  destroy(): void;
}

/** Creates the tray icon with its Show / Quit menu. */
export function createTray(opts: TrayOptions): ParleyTray {
  const tray = new opts.Tray(opts.image);
  tray.setToolTip(trayTooltip(0));
  const setMenu = (extra: MenuItemConstructorOptions[]): void =>
    tray.setContextMenu(
      opts.buildMenu([
        ...extra,
        { label: 'Show Parley', click: () => opts.onShow() },
        { type: 'separator' },
        { label: 'Quit Parley', click: () => opts.onQuit() },
      ]),
    );
  setMenu([]);
  // Windows and most Linux trays: a click means "bring the window back".
  tray.on('click', () => opts.onShow());
  return {
    setUnread(count) {
      tray.setToolTip(trayTooltip(count));
      // macOS shows the title next to the icon in the menu bar; elsewhere it is ignored.
      tray.setTitle(count > 0 ? String(count) : '');
    },
    setUpdateReady(label, onClick) {
      setMenu(label === null ? [] : [{ label, click: () => onClick?.() }, { type: 'separator' }]);
    },
    destroy: () => tray.destroy(),
  };
}

/** Keeps the tray and the badge showing badgeCount(state); returns the stop function. */
export function startUnreadIndicators(
  client: Pick<ChatApi, 'onState'>,
  tray: Pick<ParleyTray, 'setUnread'>,
  setBadgeCount: (count: number) => unknown,
  log: Logger,
): () => void {
  let shown = -1;
  return client.onState((state) => {
    const count = badgeCount(state);
    if (count === shown) return;
    shown = count;
    tray.setUnread(count);
    // Fails harmlessly where there is no badge (some Linux desktops): the tray still shows it.
    try {
      if (setBadgeCount(count) === false) log.debug('badge count not supported here');
    } catch (err) {
      log.debug('badge count not supported here', err);
    }
  });
}

import { join } from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../../shared/api/index.js';
import { createLogger } from '../../../../shared/log.js';
import {
  createTray,
  loadTrayImage,
  startUnreadIndicators,
  trayIconCandidates,
} from '../../../../electron/notifications/tray.js';
import { EMPTY_STATE, fakeEngine } from '../fakeEngine.js';

const log = createLogger('test', 'silent');

/** Records what main would do to a real Tray. */
class FakeTray {
  static last: FakeTray;
  tooltip = '';
  title = '';
  menu: MenuItemConstructorOptions[] = [];
  destroyed = false;
  clicks: Array<() => void> = [];
  constructor(readonly image: unknown) {
    FakeTray.last = this;
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setTitle(t: string) {
    this.title = t;
  }
  setContextMenu(m: { template: MenuItemConstructorOptions[] }) {
    this.menu = m.template;
  }
  on(event: string, l: () => void) {
    if (event === 'click') this.clicks.push(l);
  }
  destroy() {
    this.destroyed = true;
  }
}

function makeTray() {
  const calls: string[] = [];
  const tray = createTray({
    Tray: FakeTray as unknown as new (image: NativeImage) => Tray,
    buildMenu: (template) => ({ template }) as unknown as Menu,
    image: {} as NativeImage,
    onShow: () => calls.push('show'),
    onQuit: () => calls.push('quit'),
  });
  return { tray, calls, fake: FakeTray.last };
}

const withUnread = (unread: number, muted = false): AppState => ({
  ...EMPTY_STATE,
  servers: [
    {
      id: 's',
      url: 'http://x',
      name: 'x',
      status: 'online',
      rooms: [{ id: 'r_aaaa', name: 'a', kind: 'room', unread, mentions: 0, muted, typing: [] }],
      otherRooms: [],
      users: [],
      hosted: false,
    },
  ] as unknown as AppState['servers'],
});

describe('tray', () => {
  it('offers "Update ready, restart" first once an update is ready, until removed', () => {
    const { tray, fake } = makeTray();
    let restarts = 0;
    tray.setUpdateReady('Update ready, restart', () => restarts++);
    const labels = () => fake.menu.filter((m) => m.label).map((m) => m.label);
    expect(labels()).toEqual(['Update ready, restart', 'Show Parley', 'Quit Parley']);
    (fake.menu[0]!.click as () => void)();
    expect(restarts).toBe(1);
    tray.setUpdateReady(null);
    expect(labels()).toEqual(['Show Parley', 'Quit Parley']);
  });

  it('has Show and Quit, and a click shows the window', () => {
    const { calls, fake } = makeTray();
    expect(fake.tooltip).toBe('Parley');
    const items = fake.menu.filter((m) => m.label);
    expect(items.map((m) => m.label)).toEqual(['Show Parley', 'Quit Parley']);
    items.forEach((m) => (m.click as () => void)());
    fake.clicks.forEach((l) => l());
    expect(calls).toEqual(['show', 'quit', 'show']);
  });

  it('follows the unread count on tray and badge, only when it changes', () => {
    const { tray, fake } = makeTray();
    const engine = fakeEngine();
    const badges: number[] = [];
    const stop = startUnreadIndicators(engine.api, tray, (n) => badges.push(n), log);
    engine.pushState(withUnread(3));
    engine.pushState(withUnread(3));
    expect(fake.tooltip).toBe('Parley — 3 unread messages');
    expect(fake.title).toBe('3');
    engine.pushState(withUnread(9, true));
    expect(fake.title).toBe('');
    expect(badges).toEqual([0, 3, 0]);
    stop();
    engine.pushState(withUnread(5));
    expect(badges).toEqual([0, 3, 0]);
    tray.destroy();
    expect(fake.destroyed).toBe(true);
  });

  it('survives a platform without badges', () => {
    const { tray } = makeTray();
    const engine = fakeEngine();
    const stop = startUnreadIndicators(
      engine.api,
      tray,
      () => {
        throw new Error('unsupported');
      },
      log,
    );
    expect(() => engine.pushState(withUnread(1))).not.toThrow();
    stop();
  });

  it('picks the packaged icon first and skips missing ones', () => {
    expect(trayIconCandidates('/app')).toEqual([
      join('/app', 'dist', 'renderer', 'favicon.png'),
      join('/app', 'build', 'icon.png'),
    ]);
    const resized: unknown[] = [];
    const image = (empty: boolean) =>
      ({
        isEmpty: () => empty,
        resize: (o: unknown) => (resized.push(o), 'small'),
      }) as unknown as NativeImage;
    const seen: string[] = [];
    const got = loadTrayImage((p) => (seen.push(p), image(seen.length === 1)), '/app', 16);
    expect(got).toBe('small');
    expect(seen).toHaveLength(2);
    expect(resized).toEqual([{ width: 16, height: 16, quality: 'best' }]);
    expect(loadTrayImage(() => image(true), '/app', 16)).toBeUndefined();
  });
});

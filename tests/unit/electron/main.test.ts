/**
 * The composition root, run against a fake `electron` module (the real binary is never needed):
 * scheme registered before ready, locked-down window on the app URL, the real engine reachable
 * through IPC from the page, close-to-tray, and a clean quit.
 */
import type { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createIpcChatApi } from '../../../electron/ipc/rendererApi.js';
import { flushIpc, type IpcPair } from '../../helpers/ipcPair.js';
import type { AppState } from '../../../shared/api/index.js';

interface Fake {
  order: string[];
  windows: Array<EventEmitter & Record<string, unknown>>;
  trays: Array<{ menu: Array<{ label?: string; click?: () => void }>; destroyed: boolean }>;
  appEvents: EventEmitter;
  exits: number[];
  badges: number[];
  quitted: boolean;
  pair: IpcPair;
  /** Message boxes shown, and the button the fake user presses next. */
  boxes: Array<{ message: string; detail?: string }>;
  answer: number;
  spellcheck: boolean[];
  dirs: string[];
}

// Multicast must not reach this machine's network from a test: LAN browsing is recorded, not
// run (tests/integration/discovery/ runs it for real inside network namespaces).
const browsing = vi.hoisted(() => ({ started: 0, stopped: 0 }));
vi.mock('../../../electron/discovery/browse.js', () => ({
  browseServers: () => {
    browsing.started++;
    return { stop: () => void browsing.stopped++ };
  },
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createIpcPair } = await import('../../helpers/ipcPair.js');
  const userData = mkdtempSync(join(tmpdir(), 'parley-main-'));
  const fake: Fake = {
    order: [],
    windows: [],
    trays: [],
    appEvents: new EventEmitter(),
    exits: [],
    badges: [],
    quitted: false,
    pair: createIpcPair(),
    dirs: [userData],
    boxes: [],
    answer: 1,
    spellcheck: [],
  };
  const app = Object.assign(fake.appEvents, {
    whenReady: async () => void fake.order.push('ready'),
    getPath: (name: string) => join(userData, name === 'userData' ? '' : name),
    requestSingleInstanceLock: () => true,
    isPackaged: false,
    relaunch: () => undefined,
    isDefaultProtocolClient: () => false,
    setAsDefaultProtocolClient: () => true,
    setAppUserModelId: () => undefined,
    setBadgeCount: (n: number) => (fake.badges.push(n), true),
    exit: (code: number) => void fake.exits.push(code),
    quit: () => {
      let prevented = false;
      fake.appEvents.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) fake.quitted = true;
    },
  });
  class BrowserWindow extends EventEmitter {
    visible = false;
    loaded = '';
    constructor(readonly options: unknown) {
      super();
      fake.windows.push(this as never);
    }
    show = () => void ((this.visible = true), this.emit('show'));
    hide = () => void ((this.visible = false), this.emit('hide'));
    focus = () => undefined;
    restore = () => undefined;
    isFocused = () => false;
    isVisible = () => this.visible;
    isMinimized = () => false;
    isDestroyed = () => false;
    loadURL = async (url: string) => void (this.loaded = url);
  }
  class Tray {
    menu: unknown[] = [];
    destroyed = false;
    constructor() {
      fake.trays.push(this as never);
    }
    setToolTip = () => undefined;
    setTitle = () => undefined;
    setContextMenu = (m: { template: unknown[] }) => void (this.menu = m.template);
    on = () => undefined;
    destroy = () => void (this.destroyed = true);
  }
  class Notification extends EventEmitter {
    static isSupported = () => false;
    show = () => undefined;
    close = () => undefined;
  }
  const image = { isEmpty: () => true, resize: () => image };
  return {
    __fake: fake,
    app,
    BrowserWindow,
    Tray,
    Notification,
    ipcMain: fake.pair.main,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: { createFromPath: () => image, createEmpty: () => image },
    protocol: {
      registerSchemesAsPrivileged: (s: Array<{ scheme: string }>) =>
        void fake.order.push(`register:${s.map((x) => x.scheme).join()}`),
      handle: (scheme: string) => void fake.order.push(`handle:${scheme}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => void fake.order.push('permissions'),
        setPermissionCheckHandler: () => undefined,
        setSpellCheckerEnabled: (on: boolean) => void fake.spellcheck.push(on),
      },
    },
    dialog: {
      showMessageBox: async (_win: unknown, box: { message: string; detail?: string }) => {
        fake.boxes.push(box);
        return { response: fake.answer };
      },
    },
    shell: { openExternal: async () => undefined },
  };
});

const fake = ((await import('electron')) as unknown as { __fake: Fake }).__fake;
await import('../../../electron/main.js');
for (let i = 0; i < 100 && fake.windows.length === 0; i++)
  await new Promise((r) => setTimeout(r, 10));

afterAll(async () => {
  const { rm } = await import('node:fs/promises');
  await Promise.all(fake.dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function stateOf(api: ReturnType<typeof createIpcChatApi>): Promise<AppState> {
  return new Promise((resolve) => {
    const stop = api.onState((s) => {
      queueMicrotask(() => stop());
      resolve(s);
    });
  });
}

describe('main.ts wiring', () => {
  it('registers the app scheme before ready, then serves it and locks the session', () => {
    expect(fake.order.slice(0, 2)).toEqual(['register:parley', 'ready']);
    expect(fake.order).toContain('handle:parley');
    expect(fake.order).toContain('permissions');
    expect(fake.appEvents.listenerCount('web-contents-created')).toBe(1);
    expect(fake.exits).toEqual([]);
  });

  it('opens one sandboxed window on the app URL with the bundled preload', () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.loaded).toBe('parley://app/index.html');
    const prefs = (win.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/dist[/\\]preload[/\\]preload\.cjs$/);
  });

  it('gives the page the real engine over IPC', async () => {
    const api = createIpcChatApi(fake.pair.renderer);
    const states: AppState[] = [];
    api.onState((s) => states.push(s));
    for (let i = 0; i < 500 && !states.some((s) => s.ready); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(states.at(-1)).toMatchObject({
      ready: true,
      capabilities: { host: true, multiServer: true },
    });
    await expect(api.call('setView', { focused: true, visible: true })).resolves.toBeUndefined();
    await expect(api.call('nope' as never, {} as never)).rejects.toMatchObject({ code: 'invalid' });
    await flushIpc();
    expect(fake.badges).toEqual([0]);
  });

  it('browses the LAN for Parley servers once, for the Join screen', () => {
    expect(browsing).toEqual({ started: 1, stopped: 0 });
  });

  it('leaves spellchecking off where it would download dictionaries', () => {
    expect(fake.spellcheck).toEqual([process.platform === 'darwin']);
    const prefs = (fake.windows[0]!.options as { webPreferences: Record<string, unknown> })
      .webPreferences;
    expect(prefs.spellcheck).toBe(process.platform === 'darwin');
  });

  it('a parley:// link from a second instance asks before joining', async () => {
    const api = createIpcChatApi(fake.pair.renderer);
    let servers: string[] = [];
    api.onState((s) => (servers = s.servers.map((x) => x.url)));
    const { startTestServer } = await import('../../helpers/testServer.js');
    // An https host: the link's fingerprint is the one its certificate has, and gets pinned.
    const host = await startTestServer({ tls: 'auto' });
    const url = `https://127.0.0.1:${host.server.port}`;
    const fp = host.server.tls!.fingerprint;
    const link = `parley://join?url=${encodeURIComponent(url)}&fp=${fp}`;
    fake.answer = 1; // Cancel
    fake.appEvents.emit('second-instance', {}, ['/opt/Parley/parley', '--flag', link]);
    for (let i = 0; i < 100 && fake.boxes.length < 1; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(fake.boxes[0]).toMatchObject({
      message: `Join the Parley server at 127.0.0.1:${host.server.port}?`,
    });
    expect(fake.boxes[0]!.detail).toContain(`${fp.slice(0, 4)} ${fp.slice(4, 8)}`);
    await flushIpc();
    expect(servers).toEqual([]);

    fake.answer = 0; // Join
    fake.appEvents.emit('open-url', { preventDefault: () => undefined }, link);
    for (let i = 0; i < 200 && servers.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(fake.boxes).toHaveLength(2);
    expect(servers).toEqual([url]);
    await api.call('removeServer', { serverId: (await stateOf(api)).servers[0]!.id });
    await host.close();

    // A hostile link is refused without asking anything.
    fake.appEvents.emit('second-instance', {}, ['parley', 'parley://join?url=file:///etc/passwd']);
    await flushIpc();
    expect(fake.boxes).toHaveLength(2);
  });

  it('hides the window to the tray on close, and the tray brings it back', () => {
    const win = fake.windows[0]!;
    win.emit('ready-to-show');
    let prevented = false;
    win.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(win.visible).toBe(false);
    fake.trays[0]!.menu.find((m) => m.label === 'Show Parley')!.click!();
    expect(win.visible).toBe(true);
  });

  it('quits from the tray: disposes the engine and IPC, then really quits', async () => {
    fake.trays[0]!.menu.find((m) => m.label === 'Quit Parley')!.click!();
    for (let i = 0; i < 100 && !fake.quitted; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fake.quitted).toBe(true);
    expect(fake.pair.main.registered).toBe(0);
    expect(fake.trays[0]!.destroyed).toBe(true);
    let prevented = false;
    fake.windows[0]!.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });
});

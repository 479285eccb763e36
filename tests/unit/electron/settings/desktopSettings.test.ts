import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/log.js';
import { CHANNELS } from '../../../../electron/ipc/channels.js';
import { registerIpcHandlers } from '../../../../electron/ipc/handlers.js';
import { createIpcChatApi } from '../../../../electron/ipc/rendererApi.js';
import {
  DESKTOP_SETTINGS_FILE,
  DesktopSettingsStore,
  withDesktopSettings,
} from '../../../../electron/settings/desktopSettings.js';
import { isAppUrl } from '../../../../electron/window/security.js';
import { createIpcPair, type IpcPair } from '../../../helpers/ipcPair.js';
import { fakeEngine } from '../fakeEngine.js';

const log = createLogger('test', 'silent');
let dir: string;
let pair: IpcPair;
let engine: ReturnType<typeof fakeEngine>;
let loginItem: boolean;
let picks: (string | undefined)[];
let dispose: () => void;

const store = () =>
  new DesktopSettingsStore({
    dir,
    defaultDownloadsDir: '/home/ann/Downloads',
    getLaunchAtLogin: () => loginItem,
    setLaunchAtLogin: (open) => (loginItem = open),
    pickFolder: () => Promise.resolve(picks.shift()),
    log,
    durable: false,
  }).load();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-desktop-'));
  loginItem = false;
  picks = [];
  pair = createIpcPair();
  engine = fakeEngine(() => undefined);
  dispose = registerIpcHandlers(pair.main, withDesktopSettings(engine.api, await store()), {
    isTrustedSender: isAppUrl,
    log,
  });
});
afterEach(async () => {
  dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('desktop settings through the IPC handlers', () => {
  it('defaults, changes, persists, and never reaches the engine', async () => {
    const api = createIpcChatApi(pair.renderer);
    expect(await api.call('getDesktopSettings', {})).toEqual({
      launchAtLogin: false,
      closeToTray: true,
      downloadsDir: '/home/ann/Downloads',
    });
    expect(
      await api.call('setDesktopSettings', { launchAtLogin: true, closeToTray: false }),
    ).toEqual({ launchAtLogin: true, closeToTray: false, downloadsDir: '/home/ann/Downloads' });
    expect(loginItem).toBe(true);
    picks.push('/data/incoming');
    expect((await api.call('chooseDownloadsFolder', {})).downloadsDir).toBe('/data/incoming');
    // A cancelled picker changes nothing.
    expect((await api.call('chooseDownloadsFolder', {})).downloadsDir).toBe('/data/incoming');
    expect(JSON.parse(await readFile(join(dir, DESKTOP_SETTINGS_FILE), 'utf8'))).toEqual({
      closeToTray: false,
      downloadsDir: '/data/incoming',
    });
    const again = await store();
    expect(again.closeToTray()).toBe(false);
    expect(again.downloadsDir()).toBe('/data/incoming');
    await api.call('setDesktopSettings', { defaultDownloads: true });
    expect((await store()).downloadsDir()).toBe('/home/ann/Downloads');
    expect(engine.calls).toEqual([]);
  });

  it('refuses bad arguments, paths from the page, and untrusted senders', async () => {
    for (const bad of [{ closeToTray: 'yes' }, { downloadsDir: '/etc' }, { launchAtLogin: 1 }]) {
      const r = (await pair.renderer.invoke(CHANNELS.call, 'setDesktopSettings', bad)) as {
        ok: boolean;
        code: string;
      };
      expect(r).toMatchObject({ ok: false, code: 'invalid' });
    }
    pair.setFrameUrl('https://evil.example/');
    picks.push('/tmp/evil');
    const evil = await pair.renderer.invoke(CHANNELS.call, 'setDesktopSettings', {
      launchAtLogin: true,
    });
    expect(evil).toMatchObject({ ok: false, code: 'forbidden' });
    expect(loginItem).toBe(false);
    expect(picks).toEqual(['/tmp/evil']);
  });

  it('a broken file means the defaults', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, DESKTOP_SETTINGS_FILE), '{"closeToTray": "no"}');
    expect((await store()).closeToTray()).toBe(true);
  });
});

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/log.js';
import {
  startUpdateChecker,
  updateFeedUrl,
  type UpdaterLike,
} from '../../../../electron/updates/updateChecker.js';

const log = createLogger('updates-test', 'silent');
const noTimer = () => ({ unref: () => undefined });

/** An updater that has an update only on the feeds in `offering`. */
function fakeUpdater(offering: Record<string, string>) {
  const events = new EventEmitter();
  const asked: string[] = [];
  let feed = '';
  const installs: Array<[boolean | undefined, boolean | undefined]> = [];
  const updater: UpdaterLike = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    setFeedURL: ({ url }) => void (feed = url),
    async checkForUpdates() {
      asked.push(feed);
      const version = offering[feed];
      if (version === undefined) throw new Error('HttpError: 404 Not Found');
      return {
        isUpdateAvailable: true,
        updateInfo: { version },
        downloadPromise: Promise.resolve().then(() =>
          events.emit('update-downloaded', { version }),
        ),
      };
    },
    on: (event, listener) => events.on(event, listener),
    quitAndInstall: (a, b) => void installs.push([a, b]),
  };
  return { updater, asked, installs };
}

describe('update feed address', () => {
  it('is the server origin plus /api/updates/', () => {
    expect(updateFeedUrl('http://192.168.1.20:4747')).toBe('http://192.168.1.20:4747/api/updates/');
    expect(updateFeedUrl('https://chat.lan/x/')).toBe('https://chat.lan/api/updates/');
    expect(updateFeedUrl('file:///etc')).toBeUndefined();
    expect(updateFeedUrl('nonsense')).toBeUndefined();
  });
});

describe('update checker', () => {
  it('asks the servers in turn, downloads from the first with an update, then waits for the user', async () => {
    const f = fakeUpdater({
      'http://b:1/api/updates/': '0.2.0',
      'http://c:1/api/updates/': '0.3.0',
    });
    const ready: Array<[string, string]> = [];
    const checker = startUpdateChecker({
      updater: f.updater,
      servers: () => ['http://a:1', 'http://a:1/', 'http://b:1', 'http://c:1'],
      onReady: (v, from) => ready.push([v, from]),
      log,
      setTimeout: noTimer,
      setInterval: noTimer,
    });
    expect(f.updater.autoDownload).toBe(true);
    expect(f.updater.autoInstallOnAppQuit).toBe(false);
    checker.restartToUpdate();
    expect(f.installs).toEqual([]); // nothing is ready yet
    expect(await checker.checkNow()).toBe('http://b:1/api/updates/');
    expect(f.asked).toEqual(['http://a:1/api/updates/', 'http://b:1/api/updates/']);
    expect(ready).toEqual([['0.2.0', 'http://b:1/api/updates/']]);
    // Nothing installs until the user chooses; once ready, no more checks.
    expect(f.installs).toEqual([]);
    expect(await checker.checkNow()).toBeUndefined();
    expect(f.asked).toHaveLength(2);
    checker.restartToUpdate();
    expect(f.installs).toEqual([[false, true]]);
    checker.stop();
  });

  it('finds nothing when no server holds updates', async () => {
    const f = fakeUpdater({});
    const checker = startUpdateChecker({
      updater: f.updater,
      servers: () => ['http://a:1', 'http://b:1'],
      onReady: () => expect.unreachable(),
      log,
      setTimeout: noTimer,
      setInterval: noTimer,
    });
    expect(await checker.checkNow()).toBeUndefined();
    expect(f.asked).toHaveLength(2);
    checker.stop();
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../electron/server/server.js';
import { backupDataDir } from '../../../electron/server/store/backup.js';
import { createLogger } from '../../../shared/log.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer | undefined;
let out: string;
afterEach(async () => {
  await t?.close();
  t = undefined;
  await rm(out, { recursive: true, force: true });
});

describe('backup while the host runs', () => {
  it('takes a copy that starts as a host with every message acknowledged before it', async () => {
    t = await startTestServer({ segmentSize: 7 });
    out = join(await mkdtemp(join(tmpdir(), 'parley-backup-')), 'snap');
    const c = await TestClient.join(t.server.url, 'Keeper');
    for (let i = 0; i < 30; i++) await c.say('r_general', `before ${i}`);
    // Writes keep going during the backup.
    const during = Promise.all(
      Array.from({ length: 40 }, (_, i) => c.say('r_general', `during ${i}`)),
    );
    const summary = await backupDataDir(t.dataDir, out);
    await during;
    expect(summary.skipped).toEqual([]);

    const copy = await startServer({
      dataDir: out,
      port: 0,
      host: '127.0.0.1',
      staticDir: null,
      logger: createLogger('t', 'silent'),
      tls: 'off',
      discovery: false,
    });
    try {
      const back = await TestClient.connect(copy.url);
      await back.hello({ token: c.token! });
      const page = await back.request({ type: 'history', roomId: 'r_general', limit: 100 });
      if (page.type !== 'history') throw new Error(JSON.stringify(page));
      const texts = page.messages.map((m) => m.text);
      for (let i = 0; i < 30; i++) expect(texts).toContain(`before ${i}`);
      // Gapless, and numbers continue after the copy's own last message.
      expect(page.messages.map((m) => m.seq)).toEqual(texts.map((_, i) => i + 1));
      expect((await back.say('r_general', 'on the copy')).seq).toBeGreaterThan(texts.length);
      await back.close();
    } finally {
      await copy.stop();
    }
    await c.close();
  });

  it('refuses a folder that is not empty', async () => {
    t = await startTestServer();
    out = t.dataDir;
    await expect(backupDataDir(t.dataDir, t.dataDir)).rejects.toThrow(/not empty/);
    out = await mkdtemp(join(tmpdir(), 'parley-backup-x-'));
  });
});

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredClientData, StoredServer } from '../../../../shared/client/deps.js';
import { createLogger } from '../../../../shared/log.js';
import {
  CLIENT_STORAGE_FILE,
  createClientStorage,
} from '../../../../electron/storage/clientStorage.js';

let dir: string;
const warnings: string[] = [];
const log = createLogger('test', 'debug', (level, _s, msg) => {
  if (level === 'warn') warnings.push(msg);
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-storage-'));
  warnings.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const server = (id: string, over: Partial<StoredServer> = {}): StoredServer => ({
  id,
  url: 'http://192.168.1.20:4747',
  name: 'Team',
  token: 'tok',
  muted: ['r_random'],
  outbox: [{ clientId: 'c1', roomId: 'r_general', text: 'offline hello', ts: 1 }],
  ...over,
});
const file = () => join(dir, CLIENT_STORAGE_FILE);
const storage = () => createClientStorage({ dir, log, durable: false });

describe('client storage', () => {
  it('starts empty, then round-trips what was saved (hosting and unknown fields too)', async () => {
    const s = storage();
    expect(await s.load()).toEqual({ servers: [] });
    const data = {
      servers: [server('a', { lastName: 'Ann', hosted: true })],
      hosting: { serverId: 'a', name: 'Team', port: 4747, password: 'pw' },
      future: { x: 1 },
    } as StoredClientData;
    await s.save(data);
    expect(await storage().load()).toEqual(data);
    expect(await readdir(dir)).toEqual([CLIENT_STORAGE_FILE]);
  });

  it('saves a snapshot: later mutation does not leak into the write', async () => {
    const s = storage();
    const data: StoredClientData = { servers: [server('a')] };
    const saved = s.save(data);
    data.servers.push(server('b'));
    await saved;
    expect((await storage().load()).servers.map((x) => x.id)).toEqual(['a']);
  });

  it('coalesces a burst of saves and ends with the last one', async () => {
    const s = storage();
    const all = Array.from({ length: 50 }, (_, i) => s.save({ servers: [server(`s${i}`)] }));
    await Promise.all(all);
    expect((await storage().load()).servers.map((x) => x.id)).toEqual(['s49']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('starts empty on a corrupt file and keeps a .corrupt copy', async () => {
    await writeFile(file(), '{"servers": [ {"id": "a", ');
    expect(await storage().load()).toEqual({ servers: [] });
    expect(await readFile(`${file()}.corrupt`, 'utf8')).toBe('{"servers": [ {"id": "a", ');
    expect(warnings[0]).toMatch(/unreadable/);
  });

  it('starts empty on valid JSON of the wrong shape', async () => {
    for (const text of ['null', '[]', '"x"', '{"servers": {}}', '{}']) {
      await writeFile(file(), text);
      await rm(`${file()}.corrupt`, { force: true });
      expect(await storage().load()).toEqual({ servers: [] });
      if (text !== 'null') expect(await readFile(`${file()}.corrupt`, 'utf8')).toBe(text);
    }
  });

  it('drops only the invalid entries and keeps the rest', async () => {
    const good = server('ok');
    await writeFile(
      file(),
      JSON.stringify({
        servers: [good, { id: 'bad', url: 5 }, { ...server('bad2'), outbox: [{ text: 1 }] }],
        hosting: { serverId: 'ok', port: 'many' },
      }),
    );
    // A broken outbox item costs that item, not its server.
    expect(await storage().load()).toEqual({ servers: [good, { ...server('bad2'), outbox: [] }] });
    expect(warnings[0]).toMatch(/3 invalid entries dropped/);
    await expect(readFile(`${file()}.corrupt`, 'utf8')).resolves.toMatch(/"bad"/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  createBrowserStorage,
  parseStoredData,
} from '../../../../renderer/src/api/browserStorage.js';

class MemoryStorage {
  private readonly data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

describe('browser client storage', () => {
  it('starts empty on missing, broken or foreign data', () => {
    for (const raw of [null, '', '{', 'null', '[]', '{"servers":3}', '"x"'])
      expect(parseStoredData(raw)).toEqual({ servers: [] });
  });

  it('keeps good entries and drops bad ones', () => {
    const raw = JSON.stringify({
      servers: [
        { id: 's1', url: 'http://a:4747', name: 'A', token: 't', muted: ['r_x'], outbox: [] },
        { id: 's2', url: 42, name: 'B' },
        {
          id: 's3',
          url: 'http://c:4747',
          name: 'C',
          muted: 'nope',
          outbox: [{ clientId: 'c1', roomId: 'r_general', text: 'hi', ts: 1 }, { clientId: 5 }],
        },
      ],
    });
    const data = parseStoredData(raw);
    expect(data.servers.map((s) => s.id)).toEqual(['s1', 's3']);
    expect(data.servers[1]!.muted).toEqual([]);
    expect(data.servers[1]!.outbox).toEqual([
      { clientId: 'c1', roomId: 'r_general', text: 'hi', ts: 1 },
    ]);
  });

  it('round-trips what the engine saves', async () => {
    const area = new MemoryStorage() as unknown as Storage;
    const storage = createBrowserStorage(area, 'k');
    const data = {
      servers: [{ id: 's1', url: 'http://a:4747', name: 'A', muted: [], outbox: [] }],
    };
    await storage.save(data);
    expect(await storage.load()).toEqual(data);
  });
});

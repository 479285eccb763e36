import { describe, expect, it } from 'vitest';
import { readStoredData } from '../../../../shared/client/storedData.js';

const server = (id: string) => ({
  id,
  url: 'http://h:1',
  name: 'h',
  muted: [],
  outbox: [{ clientId: 'c1', roomId: 'r_abcd', text: 'hi', ts: 1 }],
});

describe('readStoredData', () => {
  it('keeps valid entries, drops broken ones and counts them', () => {
    const r = readStoredData({
      servers: [
        server('a'),
        { id: 'b' },
        { ...server('c'), outbox: [{ text: 5 }, server('a').outbox[0]] },
      ],
      hosting: { serverId: 'a', name: 'x', port: 99999 },
      future: { kept: true },
    });
    expect(r.data.servers.map((s) => s.id)).toEqual(['a', 'c']);
    expect(r.data.servers[1]!.outbox).toHaveLength(1);
    expect(r.data.hosting).toBeUndefined();
    expect(r.dropped).toBe(3);
    // Fields a newer version wrote survive a round trip.
    expect((r.data as unknown as { future: unknown }).future).toEqual({ kept: true });
  });
  it('recognizes a document that is not Parley’s', () => {
    expect(readStoredData(['x'])).toMatchObject({ foreign: true, data: { servers: [] } });
    expect(readStoredData(null)).toMatchObject({ foreign: false, data: { servers: [] } });
  });
});

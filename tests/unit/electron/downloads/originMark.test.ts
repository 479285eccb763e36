import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/log.js';
import {
  createOriginMarker,
  QUARANTINE_XATTR,
  quarantineValue,
  zoneIdentifier,
  type MarkFs,
  type XattrLayer,
} from '../../../../electron/downloads/originMark.js';

const log = createLogger('mark-test', 'silent');
const origin = {
  url: 'http://192.168.1.20:4747/api/files/f_1',
  referrer: 'http://192.168.1.20:4747',
};

function recorders() {
  const writes: Array<[string, string]> = [];
  const attrs: Array<[string, string, string]> = [];
  const fs: MarkFs = { writeFile: async (p, d) => void writes.push([p, d]) };
  const xattr: XattrLayer = { set: async (p, n, v) => void attrs.push([p, n, v]) };
  return { writes, attrs, fs, xattr };
}

describe('download origin marks', () => {
  it('Windows: writes the Zone.Identifier stream with the Internet zone', async () => {
    const r = recorders();
    const mark = createOriginMarker({ platform: 'win32', log, fs: r.fs, xattr: r.xattr });
    expect(await mark('C:\\Users\\me\\Downloads\\setup.exe', origin)).toBe(true);
    expect(r.writes).toEqual([
      [
        'C:\\Users\\me\\Downloads\\setup.exe:Zone.Identifier',
        '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=http://192.168.1.20:4747\r\n' +
          'HostUrl=http://192.168.1.20:4747/api/files/f_1\r\n',
      ],
    ]);
    expect(r.attrs).toEqual([]);
  });

  it('macOS: sets com.apple.quarantine with time and agent', async () => {
    const r = recorders();
    const now = new Date(Date.UTC(2026, 0, 1));
    const mark = createOriginMarker({
      platform: 'darwin',
      log,
      fs: r.fs,
      xattr: r.xattr,
      now: () => now,
    });
    expect(await mark('/Users/me/Downloads/Tool.dmg', origin)).toBe(true);
    expect(r.writes).toEqual([]);
    expect(r.attrs).toHaveLength(1);
    const [path, name, value] = r.attrs[0]!;
    expect([path, name]).toEqual(['/Users/me/Downloads/Tool.dmg', QUARANTINE_XATTR]);
    expect(value).toMatch(/^0081;[0-9a-f]+;Parley;[0-9A-F-]{36}$/);
    expect(parseInt(value.split(';')[1]!, 16)).toBe(now.getTime() / 1000);
  });

  it('Linux: writes nothing; a failing writer keeps the file and reports false', async () => {
    const r = recorders();
    expect(await createOriginMarker({ platform: 'linux', log, ...r })('/tmp/x', origin)).toBe(
      false,
    );
    expect([...r.writes, ...r.attrs]).toEqual([]);
    const broken: MarkFs = { writeFile: async () => Promise.reject(new Error('FAT32')) };
    expect(await createOriginMarker({ platform: 'win32', log, fs: broken })('D:\\x', origin)).toBe(
      false,
    );
  });

  it('keeps line breaks in addresses from adding lines to the stream', () => {
    expect(zoneIdentifier({ url: 'http://h/a\r\nZoneId=0' })).toBe(
      '[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=http://h/aZoneId=0\r\n',
    );
    expect(quarantineValue(new Date(16_000), 'abc')).toBe('0081;10;Parley;ABC');
  });
});

import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanUrls } from '../../../../electron/server/lanAddresses.js';

/** Non-internal IPv4 addresses of this machine, read the same way the server does. */
function externalIPv4(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && a.family === 'IPv4')
    .map((a) => a.address);
}

describe('lanUrls', () => {
  it('gives exactly one URL for an explicit IPv4 host or name', () => {
    expect(lanUrls(4747, '192.168.1.20')).toEqual(['http://192.168.1.20:4747/']);
    expect(lanUrls(8080, 'localhost')).toEqual(['http://localhost:8080/']);
  });

  it('brackets an explicit IPv6 host', () => {
    expect(lanUrls(4747, '::1')).toEqual(['http://[::1]:4747/']);
    expect(lanUrls(9000, 'fd00::1:2')).toEqual(['http://[fd00::1:2]:9000/']);
    expect(new URL(lanUrls(4747, '::1')[0]!).hostname).toBe('[::1]');
  });

  it.each([undefined, '0.0.0.0', '::'])(
    'lists usable http URLs with the port for wildcard host %j',
    (host) => {
      const urls = lanUrls(4747, host);
      expect(urls.length).toBeGreaterThanOrEqual(1);
      for (const u of urls) {
        const url = new URL(u);
        expect(url.protocol).toBe('http:');
        expect(url.port).toBe('4747');
        expect(url.pathname).toBe('/');
        expect(url.hostname).not.toMatch(/^\[?fe80/i);
      }
    },
  );

  it('lists LAN IPv4 addresses first, or loopback when there is no network', () => {
    const v4 = externalIPv4();
    const urls = lanUrls(5000);
    if (v4.length === 0) {
      const v6 = urls.filter((u) => u.startsWith('http://['));
      expect(urls).toEqual(v6.length > 0 ? v6 : ['http://127.0.0.1:5000/']);
    } else {
      const head = urls.slice(0, v4.length).sort();
      expect(head).toEqual(v4.map((a) => `http://${a}:5000/`).sort());
    }
  });

  it('lists only IPv4 when listening on 0.0.0.0', () => {
    for (const u of lanUrls(4747, '0.0.0.0')) expect(u).not.toContain('[');
  });
});

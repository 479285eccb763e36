import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../../../electron/server/http/clientAddress.js';

const req = (remoteAddress: string, xff?: string | string[]) =>
  ({
    socket: { remoteAddress },
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('is the peer address unless the proxy is trusted', () => {
    expect(clientAddress(req('10.0.0.7', '1.2.3.4'), false)).toBe('10.0.0.7');
  });
  it('reads the last X-Forwarded-For entry from a trusted proxy on this machine', () => {
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 192.168.1.30'), true)).toBe('192.168.1.30');
    expect(clientAddress(req('::1', ['10.1.1.1', '10.2.2.2']), true)).toBe('10.2.2.2');
    expect(clientAddress(req('::ffff:127.0.0.1', '192.168.1.9'), true)).toBe('192.168.1.9');
  });
  it('ignores the header from anyone else, and a header that is not an address', () => {
    expect(clientAddress(req('192.168.1.50', '127.0.0.1'), true)).toBe('192.168.1.50');
    expect(clientAddress(req('127.0.0.1', 'not-an-ip'), true)).toBe('127.0.0.1');
    expect(clientAddress(req('127.0.0.1'), true)).toBe('127.0.0.1');
  });
});

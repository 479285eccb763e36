import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostAllowed } from '../../../../../electron/server/http/hostCheck.js';

describe('hostAllowed (DNS-rebinding guard)', () => {
  it('accepts address literals, localhost and this machine by name', () => {
    for (const host of [
      '192.168.1.20:4747',
      '127.0.0.1',
      '[::1]:4747',
      '[fd00::2]:80',
      'localhost:4747',
      'app.localhost',
      `${hostname()}:4747`,
      `${hostname()}.local`,
      `${hostname().toUpperCase()}.LOCAL:1`,
    ]) {
      expect(hostAllowed(host, []), host).toBe(true);
    }
  });

  it('refuses other names unless the host allows them, and garbage', () => {
    expect(hostAllowed('rebind.evil.example:4747', [])).toBe(false);
    expect(hostAllowed('chat.office.lan:4747', [])).toBe(false);
    expect(hostAllowed('chat.office.lan:4747', ['Chat.Office.LAN'])).toBe(true);
    expect(hostAllowed('[not-an-address', [])).toBe(false);
    expect(hostAllowed('a b', [])).toBe(false);
  });

  it('lets non-browser clients without a Host header through', () => {
    expect(hostAllowed(undefined, [])).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  fileUrl,
  avatarUrl,
  normalizeServerUrl,
  socketUrl,
} from '../../../../shared/client/address.js';

describe('normalizeServerUrl', () => {
  it('accepts what people type', () => {
    expect(normalizeServerUrl('192.168.1.20')).toBe('http://192.168.1.20:4747');
    expect(normalizeServerUrl(' 192.168.1.20:5000 ')).toBe('http://192.168.1.20:5000');
    expect(normalizeServerUrl('chat.lan:80')).toBe('http://chat.lan');
    expect(normalizeServerUrl('http://chat.lan')).toBe('http://chat.lan');
    expect(normalizeServerUrl('https://chat.example.com/some/path')).toBe(
      'https://chat.example.com',
    );
    expect(normalizeServerUrl('[::1]:4747')).toBe('http://[::1]:4747');
  });
  it('refuses what is not a server address', () => {
    expect(() => normalizeServerUrl('ftp://x')).toThrow(/http/);
    expect(() => normalizeServerUrl('javascript:alert(1)')).toThrow();
    expect(() => normalizeServerUrl('http://user:pw@host')).toThrow(/user name/);
    expect(() => normalizeServerUrl('exa mple')).toThrow(/not a server address/);
  });
});

describe('socketUrl and fileUrl', () => {
  it('derive endpoints from the server URL', () => {
    expect(socketUrl('http://h:1')).toBe('ws://h:1/ws');
    expect(socketUrl('https://h')).toBe('wss://h/ws');
    expect(fileUrl({ url: 'http://h:1', fileAccess: { access: 'u_abcd.1.s+g' } }, 'f_abcd')).toBe(
      'http://h:1/api/files/f_abcd?access=u_abcd.1.s%2Bg',
    );
    expect(fileUrl({ url: 'http://h:1' }, 'f_abcd')).toBe('http://h:1/api/files/f_abcd');
    expect(avatarUrl({ url: 'http://h:1', fileAccess: { access: 'a' } }, 'f_x/y')).toBe(
      'http://h:1/api/avatars/f_x%2Fy?access=a',
    );
  });
});

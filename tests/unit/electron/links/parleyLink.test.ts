import { describe, expect, it } from 'vitest';
import {
  linkFromArgv,
  MAX_LINK_LENGTH,
  parseParleyLink,
} from '../../../../electron/links/parleyLink.js';

const FP = '0123456789abcdef'.repeat(4);
const join = (params: string): string => `parley://join?${params}`;

describe('parseParleyLink', () => {
  it('reads url, fingerprint and invite code', () => {
    const raw = join(`url=${encodeURIComponent('https://chat.lan:4747/')}&fp=${FP}&code=Ab_3-x`);
    expect(parseParleyLink(raw)).toEqual({
      ok: true,
      link: { kind: 'join', url: 'https://chat.lan:4747', fingerprint: FP, inviteCode: 'Ab_3-x' },
    });
  });

  it('accepts colon-separated upper-case fingerprints and the form without slashes', () => {
    const colons = FP.toUpperCase().match(/../g)!.join(':');
    expect(parseParleyLink(`parley:join?url=http://10.0.0.2:4747&fp=${colons}`)).toEqual({
      ok: true,
      link: { kind: 'join', url: 'http://10.0.0.2:4747', fingerprint: FP },
    });
  });

  it.each([
    ['another scheme', `https://join?url=http://a`, /not a parley/],
    ['another action', 'parley://app/index.html', /unknown link action "app"/],
    ['no server', join(`fp=${FP}`), /server address is missing/],
    ['a file: server', join('url=file:///etc/passwd'), /must be http\(s\)/],
    ['a javascript: server', join('url=javascript:alert(1)'), /must be http\(s\)/],
    ['a server with a login', join('url=https://me:pw@host'), /login/],
    ['a short fingerprint', join(`url=https://h&fp=abc`), /64 hex digits/],
    ['a fingerprint with non-hex', join(`url=https://h&fp=${'g'.repeat(64)}`), /64 hex/],
    ['a code with spaces', join(`url=https://h&code=a%20b`), /invite code/],
    ['an unknown part', join(`url=https://h&then=x`), /unknown parts/],
    ['a repeated part', join(`url=https://h&url=https://evil`), /given twice/],
    ['no URL at all', 'not a link', /not a link/],
    ['a number', 42, /not a link/],
    ['a huge link', join(`url=https://h&code=${'a'.repeat(MAX_LINK_LENGTH)}`), /too long/],
  ])('refuses %s', (_what, raw, reason) => {
    const result = parseParleyLink(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('drops query and fragment from the server address', () => {
    const r = parseParleyLink(join(`url=${encodeURIComponent('http://h:1/x/?a=1#f')}`));
    expect(r).toMatchObject({ ok: true, link: { url: 'http://h:1/x' } });
  });
});

describe('linkFromArgv', () => {
  it('finds the parley: argument of a command line, if any', () => {
    expect(linkFromArgv(['/opt/Parley/parley', '--no-sandbox', join('url=http://h')])).toBe(
      join('url=http://h'),
    );
    expect(linkFromArgv(['C:\\Parley.exe', 'PARLEY://join?url=http://h'])).toBe(
      'PARLEY://join?url=http://h',
    );
    expect(linkFromArgv(['/opt/Parley/parley', '--parley://x', 'file.txt'])).toBeUndefined();
  });
});

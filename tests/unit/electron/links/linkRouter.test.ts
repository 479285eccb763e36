import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/log.js';
import { createLinkRouter } from '../../../../electron/links/linkRouter.js';
import type { JoinLink } from '../../../../electron/links/parleyLink.js';
import { confirmJoin, joinQuestion } from '../../../../electron/links/joinPrompt.js';

const log = createLogger('links-test', 'silent');
const link = (host: string): string => `parley://join?url=http://${host}`;

describe('link router', () => {
  it('holds links until ready, then delivers them in order; refusals are reported', () => {
    const joined: string[] = [];
    const refused: string[] = [];
    const router = createLinkRouter({
      onJoin: (l) => joined.push(l.url),
      onRefused: (r) => refused.push(r),
      log,
    });
    router.open(link('a'));
    router.openFromArgv(['/bin/parley', link('b')]);
    router.openFromArgv(['/bin/parley']);
    router.open('parley://join?url=file:///x');
    expect(joined).toEqual([]);
    router.ready();
    expect(joined).toEqual(['http://a', 'http://b']);
    expect(refused).toEqual(['the server address must be http(s)']);
    router.open(link('c'));
    expect(joined).toEqual(['http://a', 'http://b', 'http://c']);
  });

  it('keeps only a few links before ready', () => {
    const joined: string[] = [];
    const router = createLinkRouter({ onJoin: (l) => joined.push(l.url), log });
    for (let i = 0; i < 10; i++) router.open(link(`h${i}`));
    router.open(12);
    router.ready();
    expect(joined).toEqual(['http://h0', 'http://h1', 'http://h2', 'http://h3']);
  });
});

describe('join confirmation', () => {
  const l: JoinLink = { kind: 'join', url: 'https://chat.lan:4747', fingerprint: 'ab'.repeat(32) };

  it('shows address and fingerprint, with Cancel as the default', () => {
    const q = joinQuestion(l);
    expect(q.message).toBe('Join the Parley server at chat.lan:4747?');
    expect(q.detail).toContain(`abab abab ${'abab '.repeat(13)}abab`.trim());
    expect(q.buttons[q.defaultId]).toBe('Cancel');
    expect(joinQuestion({ kind: 'join', url: 'http://h' }).detail).toMatch(/does not pin/);
  });

  it('joins only on "Join"', async () => {
    const joined: JoinLink[] = [];
    const join = async (x: JoinLink) => void joined.push(x);
    expect(await confirmJoin(l, async () => ({ response: 1 }), join)).toBe(false);
    expect(joined).toEqual([]);
    expect(await confirmJoin(l, async () => ({ response: 0 }), join)).toBe(true);
    expect(joined).toEqual([l]);
  });
});

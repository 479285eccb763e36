import { describe, expect, it } from 'vitest';
import { shouldNotifyUser } from '../../../../../electron/server/chat/preferences.js';
import { GuessLimit } from '../../../../../electron/server/chat/guessLimit.js';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../../../shared/protocol/index.js';

const bob = { id: 'u_bob0', name: 'Bob' };
const room = { id: 'r_team', kind: 'room' as const };
const dm = { id: 'd_ab12', kind: 'dm' as const };
const msg = (text: string, authorId = 'u_ann0') => ({ authorId, text });
const prefs = (over: Partial<Preferences>): Preferences => ({ ...DEFAULT_PREFERENCES, ...over });

describe('shouldNotifyUser (the server-side rule push will use)', () => {
  it('by default: mentions and DMs only', () => {
    expect(shouldNotifyUser(bob, undefined, room, msg('lunch?'))).toBe(false);
    expect(shouldNotifyUser(bob, undefined, room, msg('lunch @bob?'))).toBe(true);
    expect(shouldNotifyUser(bob, undefined, dm, msg('lunch?'))).toBe(true);
  });
  it('a room level wins over the global one', () => {
    const p = prefs({ notify: 'all', rooms: { r_team: 'none' } });
    expect(shouldNotifyUser(bob, p, room, msg('@bob'))).toBe(false);
    expect(shouldNotifyUser(bob, p, { id: 'r_other', kind: 'room' }, msg('x'))).toBe(true);
    expect(shouldNotifyUser(bob, prefs({ notify: 'none' }), dm, msg('hi'))).toBe(false);
  });
  it('never for own, deleted, or while on do-not-disturb', () => {
    const all = prefs({ notify: 'all' });
    expect(shouldNotifyUser(bob, all, room, msg('mine', 'u_bob0'))).toBe(false);
    expect(shouldNotifyUser(bob, all, room, { ...msg('x'), deleted: true })).toBe(false);
    expect(shouldNotifyUser({ ...bob, dnd: true }, all, dm, msg('@bob'))).toBe(false);
  });
});

describe('GuessLimit', () => {
  it('blocks after the limit until the window is over, and forgets on clear', () => {
    const g = new GuessLimit(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(g.blocked('a', 0)).toBe(false);
      g.failed('a', 0);
    }
    expect(g.blocked('a', 500)).toBe(true);
    expect(g.blocked('b', 500)).toBe(false);
    expect(g.blocked('a', 1000)).toBe(false);
    g.failed('a', 1000);
    expect(g.blocked('a', 1001)).toBe(false);
    for (let i = 0; i < 3; i++) g.failed('c', 0);
    g.clear('c');
    expect(g.blocked('c', 1)).toBe(false);
  });
  it('stays bounded without forgetting everyone at once', () => {
    const g = new GuessLimit(1, 1000, 10);
    for (let i = 0; i < 10; i++) g.failed(`k${i}`, 0);
    g.failed('new', 0);
    expect(g.blocked('new', 1)).toBe(true);
    expect(g.blocked('k9', 1)).toBe(true);
    expect(g.blocked('k0', 1)).toBe(false);
  });
});

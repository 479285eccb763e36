import { describe, expect, it } from 'vitest';
import type { MessageNotice } from '../../../../shared/api/index.js';
import { mentions, noticeBody, shouldNotify } from '../../../../shared/client/notifications.js';
import { levelAllows, levelFor } from '../../../../shared/notifyLevels.js';

const notice = (over: Partial<MessageNotice> = {}): MessageNotice => ({
  serverId: 's1',
  roomId: 'r_room1',
  roomName: 'general',
  roomKind: 'room',
  authorName: 'alice',
  text: 'hi',
  seq: 5,
  mention: false,
  muted: false,
  level: 'all',
  dnd: false,
  sound: true,
  ...over,
});
const looking = { focused: true, visible: true, serverId: 's1', roomId: 'r_room1' };

describe('shouldNotify', () => {
  it('stays quiet for the room the user is looking at', () => {
    expect(shouldNotify(notice(), looking)).toBe(false);
    expect(shouldNotify(notice({ roomKind: 'dm' }), looking)).toBe(false);
    expect(shouldNotify(notice({ mention: true }), looking)).toBe(false);
  });
  it('notifies when the window is unfocused, hidden, or another room is open', () => {
    expect(shouldNotify(notice(), { ...looking, focused: false })).toBe(true);
    expect(shouldNotify(notice(), { ...looking, visible: false })).toBe(true);
    expect(shouldNotify(notice(), { ...looking, roomId: 'r_other1' })).toBe(true);
    expect(shouldNotify(notice(), { ...looking, serverId: 's2' })).toBe(true);
  });
  it('mute silences a room, but DMs and mentions always come through', () => {
    const away = { ...looking, focused: false };
    expect(shouldNotify(notice({ muted: true }), away)).toBe(false);
    expect(shouldNotify(notice({ muted: true, mention: true }), away)).toBe(true);
    expect(shouldNotify(notice({ muted: true, roomKind: 'dm' }), away)).toBe(true);
  });
});

describe('notification levels', () => {
  const away = { focused: false, visible: true };
  it('mentions and DMs (the default level): ordinary messages in other rooms stay quiet', () => {
    const level = 'mentions' as const;
    expect(shouldNotify(notice({ level }), away)).toBe(false);
    expect(shouldNotify(notice({ level, mention: true }), away)).toBe(true);
    expect(shouldNotify(notice({ level, roomKind: 'dm' }), away)).toBe(true);
  });
  it('all lets every message through; none lets nothing through, not even DMs', () => {
    expect(shouldNotify(notice({ level: 'all' }), away)).toBe(true);
    for (const over of [{}, { mention: true }, { roomKind: 'dm' as const }])
      expect(shouldNotify(notice({ level: 'none', ...over }), away)).toBe(false);
  });
  it('do-not-disturb silences everything; mute caps a room at mentions and DMs', () => {
    expect(shouldNotify(notice({ dnd: true, mention: true, roomKind: 'dm' }), away)).toBe(false);
    expect(shouldNotify(notice({ level: 'all', muted: true }), away)).toBe(false);
    expect(shouldNotify(notice({ level: 'all', muted: true, mention: true }), away)).toBe(true);
  });
});

describe('levelFor and levelAllows', () => {
  const prefs = { notify: 'all' as const, rooms: { r_quiet1: 'none' as const }, sounds: true };
  it('a room’s own level wins over the global one; no prefs means mentions and DMs', () => {
    expect(levelFor(prefs, 'r_quiet1')).toBe('none');
    expect(levelFor(prefs, 'r_other1')).toBe('all');
    expect(levelFor(undefined, 'r_other1')).toBe('mentions');
    // Only own keys count: a room id that names an Object.prototype member is just a room.
    expect(levelFor(prefs, 'constructor')).toBe('all');
  });
  it('levelAllows follows the table', () => {
    const kinds = [
      { dm: false, mention: false },
      { dm: false, mention: true },
      { dm: true, mention: false },
    ];
    expect(kinds.map((k) => levelAllows('all', k))).toEqual([true, true, true]);
    expect(kinds.map((k) => levelAllows('mentions', k))).toEqual([false, true, true]);
    expect(kinds.map((k) => levelAllows('none', k))).toEqual([false, false, false]);
  });
});

describe('mentions', () => {
  it('finds @name case-insensitively as a whole name', () => {
    expect(mentions('hey @Bob!', 'bob')).toBe(true);
    expect(mentions('@bob', 'Bob')).toBe(true);
    expect(mentions('ping @bobby', 'bob')).toBe(false);
    expect(mentions('mail bob@bob.com', 'bob')).toBe(false);
    expect(mentions('nothing here', 'bob')).toBe(false);
    expect(mentions('@anna-lena hi', 'anna')).toBe(false);
    expect(mentions('hi @Zoë.', 'zoë')).toBe(true);
    expect(mentions('hi', undefined)).toBe(false);
  });
});

describe('noticeBody', () => {
  it('flattens and shortens', () => {
    expect(noticeBody('a\n\n b')).toBe('a b');
    expect(noticeBody('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

import { describe, expect, it } from 'vitest';
import type { MessageNotice } from '../../../../shared/api/index.js';
import { mentions, noticeBody, shouldNotify } from '../../../../shared/client/notifications.js';

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

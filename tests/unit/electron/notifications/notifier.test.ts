import { describe, expect, it } from 'vitest';
import type {
  AppState,
  MessageNotice,
  RoomView,
  ServerView,
} from '../../../../shared/api/index.js';
import { createLogger } from '../../../../shared/log.js';
import {
  startNotifier,
  type NotificationLike,
} from '../../../../electron/notifications/notifier.js';
import {
  badgeCount,
  noticeText,
  noticeTitle,
  notificationFor,
  trayTooltip,
} from '../../../../electron/notifications/notifyRules.js';
import { EMPTY_STATE, fakeEngine } from '../fakeEngine.js';

const log = createLogger('test', 'silent');

const notice = (over: Partial<MessageNotice> = {}): MessageNotice => ({
  serverId: 's1',
  roomId: 'r_general',
  roomName: 'general',
  roomKind: 'room',
  authorName: 'Ann',
  text: 'hello there',
  seq: 4,
  mention: false,
  muted: false,
  level: 'all',
  dnd: false,
  sound: true,
  ...over,
});

const away = { focused: false, visible: true };

describe('notification rules', () => {
  it('titles rooms and DMs', () => {
    expect(noticeTitle(notice())).toBe('Ann in #general');
    expect(noticeTitle(notice({ roomKind: 'dm', roomName: 'Ann' }))).toBe('Ann');
  });

  it('flattens and shortens the body; a file-only message says so', () => {
    expect(noticeText(notice({ text: 'a\n\n  b' }))).toBe('a b');
    const long = noticeText(notice({ text: 'x'.repeat(500) }));
    expect(long.length).toBe(140);
    expect(long.endsWith('…')).toBe(true);
    expect(noticeText(notice({ text: '' }))).toBe('Shared a file');
  });

  it('stays quiet for the room being read in a focused window', () => {
    const reading = { focused: true, visible: true, serverId: 's1', roomId: 'r_general' };
    expect(notificationFor(notice(), reading)).toBeNull();
    expect(notificationFor(notice(), { ...reading, roomId: 'r_other' })).not.toBeNull();
    expect(notificationFor(notice(), { ...reading, focused: false })).not.toBeNull();
    expect(notificationFor(notice(), { ...reading, visible: false })).not.toBeNull();
  });

  it('lets only mentions and DMs through a muted room', () => {
    expect(notificationFor(notice({ muted: true }), away)).toBeNull();
    expect(notificationFor(notice({ muted: true, mention: true }), away)).not.toBeNull();
    expect(notificationFor(notice({ muted: true, roomKind: 'dm' }), away)).not.toBeNull();
  });

  it('targets the notice room', () => {
    expect(notificationFor(notice(), away)).toEqual({
      title: 'Ann in #general',
      body: 'hello there',
      silent: false,
      target: { serverId: 's1', roomId: 'r_general' },
    });
    expect(notificationFor(notice({ sound: false }), away)?.silent).toBe(true);
  });

  it('follows the room level and do-not-disturb', () => {
    expect(notificationFor(notice({ level: 'mentions' }), away)).toBeNull();
    expect(notificationFor(notice({ level: 'none', roomKind: 'dm' }), away)).toBeNull();
    expect(notificationFor(notice({ dnd: true }), away)).toBeNull();
  });
});

const room = (over: Partial<RoomView>): RoomView =>
  ({
    id: 'r_x',
    name: 'x',
    kind: 'room',
    unread: 0,
    mentions: 0,
    muted: false,
    typing: [],
    ...over,
  }) as RoomView;
const server = (rooms: RoomView[]): ServerView =>
  ({
    id: 's',
    url: 'http://x',
    name: 'x',
    status: 'online',
    userCount: 0,
    rooms,
    otherRooms: [],
    users: [],
    hosted: false,
    prefs: { notify: 'mentions', rooms: {}, sounds: true },
    protected: false,
    encrypted: true,
  }) as ServerView;

describe('badge count', () => {
  it('sums unread in unmuted rooms and mentions in muted ones, over servers', () => {
    const state: AppState = {
      ...EMPTY_STATE,
      servers: [
        server([room({ unread: 3 }), room({ unread: 5, mentions: 1, muted: true })]),
        server([room({ unread: 2, mentions: 2, kind: 'dm' }), room({ unread: 7, muted: true })]),
      ],
    };
    expect(badgeCount(state)).toBe(3 + 1 + 2 + 0);
    expect(badgeCount(EMPTY_STATE)).toBe(0);
  });

  it('words the tray tooltip', () => {
    expect(trayTooltip(0)).toBe('Parley');
    expect(trayTooltip(1)).toBe('Parley — 1 unread message');
    expect(trayTooltip(12)).toBe('Parley — 12 unread messages');
  });
});

class FakeNotification implements NotificationLike {
  static made: FakeNotification[] = [];
  shown = false;
  closed = false;
  private handlers: Record<string, Array<() => void>> = {};
  constructor(readonly content: { title: string; body: string }) {
    FakeNotification.made.push(this);
  }
  on(event: 'click' | 'close', l: () => void) {
    (this.handlers[event] ??= []).push(l);
    return this;
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.handlers.close?.forEach((l) => l());
  }
  click() {
    this.handlers.click?.forEach((l) => l());
  }
}

describe('notifier', () => {
  it('shows notices worth it, one per room, and a click opens the room', () => {
    FakeNotification.made = [];
    const engine = fakeEngine();
    let view = { focused: true, visible: true, serverId: 's1', roomId: 'r_general' };
    const opened: unknown[] = [];
    const stop = startNotifier({
      client: engine.api,
      view: () => view,
      create: (c) => new FakeNotification(c),
      onClick: (t) => opened.push(t),
      log,
    });
    engine.pushNotice(notice());
    expect(FakeNotification.made).toHaveLength(0);
    view = { ...view, focused: false };
    engine.pushNotice(notice());
    engine.pushNotice(notice({ text: 'second' }));
    engine.pushNotice(notice({ roomId: 'r_other', roomName: 'other' }));
    const [first, second, other] = FakeNotification.made;
    expect(first!.closed).toBe(true);
    expect(second!.content).toEqual({ title: 'Ann in #general', body: 'second', silent: false });
    expect(second!.shown && !second!.closed).toBe(true);
    second!.click();
    expect(opened).toEqual([{ serverId: 's1', roomId: 'r_general' }]);
    stop();
    expect(other!.closed).toBe(true);
    expect(engine.listeners.notices.size).toBe(0);
  });

  it('copes with a platform that cannot notify, or a failing factory', () => {
    const engine = fakeEngine();
    startNotifier({
      client: engine.api,
      view: () => away,
      create: () => null,
      onClick: () => undefined,
      log,
    });
    startNotifier({
      client: engine.api,
      view: () => away,
      create: () => {
        throw new Error('no notification server');
      },
      onClick: () => undefined,
      log,
    });
    expect(() => engine.pushNotice(notice())).not.toThrow();
  });
});

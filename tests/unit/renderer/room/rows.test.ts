import { describe, expect, it } from 'vitest';
import type { TimelineMessage } from '../../../../shared/api/index.js';
import {
  buildRows,
  GROUP_WINDOW_MS,
  newLineIndex,
  rowKey,
} from '../../../../renderer/src/room/rows.js';

const DAY = 86_400_000;
const base = new Date(2026, 2, 3, 12, 0).getTime();
const m = (seq: number, authorId: string, ts: number, extra: Partial<TimelineMessage> = {}) =>
  ({
    roomId: 'r_general',
    seq,
    ts,
    authorId,
    clientId: `c${seq}`,
    text: `m${seq}`,
    reactions: {},
    status: 'sent',
    ...extra,
  }) as TimelineMessage;

describe('message rows', () => {
  it('groups one author within five minutes, and starts a new group after', () => {
    const rows = buildRows(
      [
        m(1, 'u_a', base),
        m(2, 'u_a', base + 60_000),
        m(3, 'u_a', base + 60_000 + GROUP_WINDOW_MS),
        m(4, 'u_b', base + 7 * 60_000 + 60_000),
      ],
      0,
      'u_me',
      Infinity,
      base,
    );
    expect(rows.map((r) => r.grouped)).toEqual([false, true, false, false]);
  });

  it('puts a day separator on the first message of each day', () => {
    const rows = buildRows(
      [m(1, 'u_a', base - DAY), m(2, 'u_a', base - DAY + 1000), m(3, 'u_a', base)],
      0,
      'u_me',
      Infinity,
      base,
    );
    expect(rows.map((r) => r.day)).toEqual(['Yesterday', undefined, 'Today']);
    expect(rows[2]!.grouped).toBe(false);
  });

  it('draws the new-messages line above the first unread message from someone else', () => {
    const messages = [
      m(1, 'u_a', base),
      m(2, 'u_me', base + 1000),
      m(3, 'u_me', base + 2000),
      m(4, 'u_a', base + 3000),
      m(5, 'u_a', base + 4000),
    ];
    const rows = buildRows(messages, 1, 'u_me', 5, base);
    expect(newLineIndex(rows)).toBe(3);
    expect(rows[3]!.grouped).toBe(false);
    // Nothing read yet means a first visit: no line.
    expect(newLineIndex(buildRows(messages, 0, 'u_me', 5, base))).toBe(-1);
    // What arrived after the room was opened is not marked.
    expect(newLineIndex(buildRows(messages, 3, 'u_me', 3, base))).toBe(-1);
  });

  it('keys stored messages by seq and outbox messages by client id', () => {
    expect(rowKey(m(7, 'u_a', base))).toBe('s7');
    expect(rowKey(m(0, 'u_me', base, { status: 'sending', clientId: 'x1' }))).toBe('ox1');
  });
});

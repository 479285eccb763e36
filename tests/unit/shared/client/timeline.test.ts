import { describe, expect, it } from 'vitest';
import { mergeMessages } from '../../../../shared/client/timeline.js';
import type { Message } from '../../../../shared/protocol/index.js';

const m = (seq: number, text = `m${seq}`): Message => ({
  roomId: 'r_room1',
  seq,
  ts: seq,
  authorId: 'u_abcd',
  clientId: `c${seq}`,
  text,
  reactions: {},
});
const seqs = (list: Message[]) => list.map((x) => x.seq);

describe('mergeMessages', () => {
  it('appends, prepends and replaces while staying contiguous', () => {
    let t = mergeMessages([], [m(5), m(3), m(4)]);
    expect(seqs(t)).toEqual([3, 4, 5]);
    t = mergeMessages(t, [m(6), m(7)]);
    expect(seqs(t)).toEqual([3, 4, 5, 6, 7]);
    t = mergeMessages(t, [m(1), m(2)]);
    expect(seqs(t)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    t = mergeMessages(t, [m(4, 'edited')]);
    expect(t[3]!.text).toBe('edited');
    expect(seqs(t)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it('never hides a gap: messages beyond a hole are not taken', () => {
    const t = mergeMessages([m(1), m(2)], [m(3), m(5), m(6)]);
    expect(seqs(t)).toEqual([1, 2, 3]);
  });
  it('drops duplicates', () => {
    const t = mergeMessages([m(1), m(2)], [m(2), m(3), m(3)]);
    expect(seqs(t)).toEqual([1, 2, 3]);
    expect(seqs(mergeMessages([], [m(2), m(2), m(3)]))).toEqual([2, 3]);
  });
  it('returns the same array when nothing changes', () => {
    const list = [m(1)];
    expect(mergeMessages(list, [])).toBe(list);
    expect(mergeMessages(list, [m(9)])).toBe(list);
  });
});

import { describe, expect, it } from 'vitest';
import { createTypingThrottle } from '../../../../renderer/src/room/typingThrottle.js';

describe('typing throttle', () => {
  it('says true at most every 3 s while typing, and false once when stopping', () => {
    const sent: boolean[] = [];
    let now = 0;
    const t = createTypingThrottle(
      (v) => sent.push(v),
      3000,
      () => now,
    );
    t.input('h');
    now = 1000;
    t.input('he');
    now = 2999;
    t.input('hel');
    expect(sent).toEqual([true]);
    now = 3000;
    t.input('hell');
    expect(sent).toEqual([true, true]);
    t.stop();
    t.stop();
    expect(sent).toEqual([true, true, false]);
  });

  it('treats clearing the box as stopping, and typing again as starting', () => {
    const sent: boolean[] = [];
    let now = 0;
    const t = createTypingThrottle(
      (v) => sent.push(v),
      3000,
      () => now,
    );
    t.input('x');
    now = 100;
    t.input('   ');
    now = 200;
    t.input('y');
    expect(sent).toEqual([true, false, true]);
  });
});

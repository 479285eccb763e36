import { describe, expect, it } from 'vitest';
import {
  Avatar,
  DisplayName,
  FileId,
  RoomId,
  RoomName,
  Seq,
  Topic,
  UserId,
} from '../../../../shared/protocol/entities.js';
import { LIMITS } from '../../../../shared/protocol/limits.js';

describe('DisplayName', () => {
  it('trims surrounding whitespace', () => {
    expect(DisplayName.parse('  Alice \t')).toBe('Alice');
  });

  it('accepts non-ASCII names', () => {
    expect(DisplayName.parse('Zoë 🎉 日本')).toBe('Zoë 🎉 日本');
  });

  it('refuses empty and whitespace-only names', () => {
    expect(DisplayName.safeParse('').success).toBe(false);
    expect(DisplayName.safeParse('   ').success).toBe(false);
  });

  it.each(['a\nb', 'bell\u0007', 'nul\u0000', 'del\u007f', 'c1\u0085x', 'esc\u001b[31m'])(
    'refuses control characters in %j',
    (name) => {
      const result = DisplayName.safeParse(name);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('must not contain control characters');
    },
  );

  it('counts the limit after trimming', () => {
    const max = 'n'.repeat(LIMITS.nameMax);
    expect(DisplayName.parse(`   ${max}   `)).toBe(max);
    expect(DisplayName.safeParse(`${max}n`).success).toBe(false);
  });
});

describe('RoomName and Topic', () => {
  it('bounds room names at their own limit', () => {
    expect(RoomName.safeParse('r'.repeat(LIMITS.roomNameMax)).success).toBe(true);
    expect(RoomName.safeParse('r'.repeat(LIMITS.roomNameMax + 1)).success).toBe(false);
  });

  it('allows an empty topic but not control characters', () => {
    expect(Topic.parse('  ')).toBe('');
    expect(Topic.safeParse('line\nbreak').success).toBe(false);
    expect(Topic.safeParse('t'.repeat(LIMITS.topicMax + 1)).success).toBe(false);
  });
});

describe('ids', () => {
  it.each(['r_abcd', 'd_abcd', 'r_A-b_9', `r_${'x'.repeat(64)}`])('RoomId accepts %s', (id) => {
    expect(RoomId.safeParse(id).success).toBe(true);
  });

  it.each([
    '',
    'r_',
    'r_abc',
    'u_abcd',
    'x_abcd',
    'R_abcd',
    'r-abcd',
    'r_ab/cd',
    'r_ab.cd',
    'r_../../x',
    ' r_abcd',
    `r_${'x'.repeat(65)}`,
  ])('RoomId refuses %j', (id) => {
    expect(RoomId.safeParse(id).success).toBe(false);
  });

  it('UserId and FileId accept only their own prefix', () => {
    expect(UserId.safeParse('u_abcd').success).toBe(true);
    expect(UserId.safeParse('f_abcd').success).toBe(false);
    expect(FileId.safeParse('f_abcd').success).toBe(true);
    expect(FileId.safeParse('f_../x').success).toBe(false);
    expect(FileId.safeParse('u_abcd').success).toBe(false);
  });

  it('Seq is a non-negative safe integer', () => {
    expect(Seq.safeParse(0).success).toBe(true);
    expect(Seq.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(true);
    expect(Seq.safeParse(Number.MAX_SAFE_INTEGER + 2).success).toBe(false);
    expect(Seq.safeParse(-1).success).toBe(false);
    expect(Seq.safeParse(2.5).success).toBe(false);
    expect(Seq.safeParse('3').success).toBe(false);
  });
});

describe('Avatar', () => {
  it('needs a #rrggbb colour', () => {
    expect(Avatar.safeParse({ color: '#00ff7F' }).success).toBe(true);
    expect(Avatar.safeParse({ color: '#0f0' }).success).toBe(false);
    expect(Avatar.safeParse({ color: 'red' }).success).toBe(false);
    expect(Avatar.safeParse({ color: '#00ff7f; background:url(x)' }).success).toBe(false);
  });
});

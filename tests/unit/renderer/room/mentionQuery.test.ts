import { describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/protocol/index.js';
import {
  completeMention,
  matchUsers,
  mentionAt,
} from '../../../../renderer/src/room/mentionQuery.js';

const u = (name: string): User => ({
  id: `u_${name.replace(/\W/g, '').toLowerCase()}0000`,
  name,
  avatar: { color: '#123456' },
  status: 'online',
});
const users = [u('Alice'), u('Alan Smith'), u('Bob'), u('Malia')];

describe('mention completion', () => {
  it('finds the "@…" before the caret, not inside words', () => {
    expect(mentionAt('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail me@al', 10)).toBeUndefined();
    expect(mentionAt('hi @al and more', 15)).toEqual({ start: 3, query: 'al and more' });
  });

  it('matches name starts first, then names containing the query', () => {
    expect(matchUsers(users, 'al').map((x) => x.name)).toEqual(['Alan Smith', 'Alice', 'Malia']);
    expect(matchUsers(users, 'alan s').map((x) => x.name)).toEqual(['Alan Smith']);
    expect(matchUsers(users, 'al and more')).toEqual([]);
  });

  it('replaces the query with "@Name " and puts the caret after it', () => {
    const text = 'hi @al, bye';
    const at = mentionAt(text, 6)!;
    expect(completeMention(text, 6, at, 'Alan Smith')).toEqual({
      text: 'hi @Alan Smith , bye',
      caret: 15,
    });
  });
});

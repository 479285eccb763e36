import { describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION } from '../../../../shared/protocol/limits.js';
import { ParleyError } from '../../../../shared/protocol/errors.js';
import { parseClientFrame, requestIdOf } from '../../../../shared/protocol/parse.js';

/** Runs `fn`, which must throw a ParleyError, and returns that error. */
function parleyErrorOf(fn: () => unknown): ParleyError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ParleyError);
    return err as ParleyError;
  }
  throw new Error('expected a ParleyError, but nothing was thrown');
}

const frame = (value: unknown) => JSON.stringify(value);

describe('parseClientFrame: framing', () => {
  it.each(['', 'not json', '{"type":', "{'type':'ping'}", '{"type":"ping",}'])(
    'refuses non-JSON %j as bad_frame',
    (text) => {
      const err = parleyErrorOf(() => parseClientFrame(text));
      expect(err.code).toBe('bad_frame');
      expect(err.message).toMatch(/JSON/);
    },
  );

  it.each(['[]', '[{"type":"ping","id":"1"}]', 'null', '42', '"ping"', 'true'])(
    'refuses non-object JSON %s as bad_frame',
    (text) => {
      const err = parleyErrorOf(() => parseClientFrame(text));
      expect(err.code).toBe('bad_frame');
      expect(err.message).toMatch(/object/);
    },
  );

  it('refuses a frame without a type as unknown_type', () => {
    const err = parleyErrorOf(() => parseClientFrame(frame({ id: '1' })));
    expect(err.code).toBe('unknown_type');
  });

  it.each([
    { type: 'room:explode', id: '1' },
    { type: 'PING', id: '1' },
    { type: 7, id: '1' },
    { type: 'constructor', id: '1' },
  ])('refuses type %j as unknown_type and names it', (value) => {
    const err = parleyErrorOf(() => parseClientFrame(frame(value)));
    expect(err.code).toBe('unknown_type');
    expect(err.message).toContain(JSON.stringify(value.type));
  });
});

describe('parseClientFrame: validation', () => {
  it('refuses a wrong field type and names the field', () => {
    const err = parleyErrorOf(() =>
      parseClientFrame(frame({ type: 'room:join', id: '1', roomId: 5 })),
    );
    expect(err.code).toBe('invalid');
    expect(err.message).toMatch(/^room:join: /);
    expect(err.message).toContain('roomId');
  });

  it('refuses a missing request id', () => {
    const err = parleyErrorOf(() => parseClientFrame(frame({ type: 'ping' })));
    expect(err.code).toBe('invalid');
    expect(err.message).toContain('id');
  });

  it('refuses an empty or too long request id', () => {
    expect(parleyErrorOf(() => parseClientFrame(frame({ type: 'ping', id: '' }))).code).toBe(
      'invalid',
    );
    const long = 'x'.repeat(LIMITS.requestIdMax + 1);
    expect(parleyErrorOf(() => parseClientFrame(frame({ type: 'ping', id: long }))).code).toBe(
      'invalid',
    );
    expect(parseClientFrame(frame({ type: 'ping', id: 'x'.repeat(LIMITS.requestIdMax) }))).toEqual({
      type: 'ping',
      id: 'x'.repeat(LIMITS.requestIdMax),
    });
  });

  it('refuses extra fields because frame schemas are strict', () => {
    const err = parleyErrorOf(() =>
      parseClientFrame(frame({ type: 'ping', id: '1', admin: true })),
    );
    expect(err.code).toBe('invalid');
    expect(err.message).toContain('admin');
  });

  it('refuses a too long display name with the field path and the limit', () => {
    const name = 'a'.repeat(LIMITS.nameMax + 1);
    const err = parleyErrorOf(() =>
      parseClientFrame(frame({ type: 'hello', id: 'h', protocol: PROTOCOL_VERSION, name })),
    );
    expect(err.code).toBe('invalid');
    expect(err.message).toContain(`name: must be at most ${LIMITS.nameMax} characters`);
  });

  it('refuses too long message text with the field path and the limit', () => {
    const text = 'x'.repeat(LIMITS.textMax + 1);
    const err = parleyErrorOf(() =>
      parseClientFrame(
        frame({ type: 'message:send', id: '1', roomId: 'r_room1', clientId: 'c1', text }),
      ),
    );
    expect(err.code).toBe('invalid');
    expect(err.message).toContain(`text: must be at most ${LIMITS.textMax} characters`);
  });

  it('accepts text of exactly the limit', () => {
    const text = 'x'.repeat(LIMITS.textMax);
    const parsed = parseClientFrame(
      frame({ type: 'message:send', id: '1', roomId: 'r_room1', clientId: 'c1', text }),
    );
    expect(parsed.type === 'message:send' && parsed.text.length).toBe(LIMITS.textMax);
  });

  it('names nested field paths', () => {
    const err = parleyErrorOf(() =>
      parseClientFrame(frame({ type: 'hello', id: 'h', protocol: 2, avatar: { color: 'red' } })),
    );
    expect(err.message).toContain('avatar.color');
  });

  it('refuses a bad resume map key (room id) in hello', () => {
    const err = parleyErrorOf(() =>
      parseClientFrame(frame({ type: 'hello', id: 'h', protocol: 2, resume: { nope: 3 } })),
    );
    expect(err.code).toBe('invalid');
    expect(err.message).toContain('resume');
  });

  it.each([
    ['negative seq', { type: 'read', id: '1', roomId: 'r_room1', seq: -1 }, 'seq'],
    ['fractional seq', { type: 'read', id: '1', roomId: 'r_room1', seq: 1.5 }, 'seq'],
    ['history limit 0', { type: 'history', id: '1', roomId: 'r_room1', limit: 0 }, 'limit'],
    [
      'history limit over max',
      { type: 'history', id: '1', roomId: 'r_room1', limit: LIMITS.historyPageMax + 1 },
      'limit',
    ],
    ['presence offline', { type: 'presence:set', id: '1', status: 'offline' }, 'status'],
    [
      'empty emoji',
      { type: 'reaction:add', id: '1', roomId: 'r_room1', seq: 1, emoji: '   ' },
      'emoji',
    ],
    ['typing not boolean', { type: 'typing', id: '1', roomId: 'r_room1', typing: 'yes' }, 'typing'],
    [
      'file id of another kind',
      {
        type: 'message:send',
        id: '1',
        roomId: 'r_room1',
        clientId: 'c',
        text: '',
        fileId: 'u_abcd',
      },
      'fileId',
    ],
  ])('refuses %s', (_label, value, field) => {
    const err = parleyErrorOf(() => parseClientFrame(frame(value)));
    expect(err.code).toBe('invalid');
    expect(err.message).toContain(field);
  });

  it('reports at most three issues', () => {
    const err = parleyErrorOf(() =>
      parseClientFrame(
        frame({ type: 'history', id: '1', roomId: 'bad', before: -1, after: 'x', limit: 0 }),
      ),
    );
    expect(err.code).toBe('invalid');
    const issues = err.message.replace(/^history: /, '').split('; ');
    expect(issues).toHaveLength(3);
  });
});

describe('parseClientFrame: valid frames', () => {
  it('parses hello with a trimmed name, avatar and resume map', () => {
    const parsed = parseClientFrame(
      frame({
        type: 'hello',
        id: 'h1',
        protocol: PROTOCOL_VERSION,
        name: '  Alice  ',
        avatar: { color: '#A0b1C2', emoji: '🦊' },
        resume: { r_room1: 4, d_dm0001: 0 },
      }),
    );
    expect(parsed).toEqual({
      type: 'hello',
      id: 'h1',
      protocol: PROTOCOL_VERSION,
      name: 'Alice',
      avatar: { color: '#A0b1C2', emoji: '🦊' },
      resume: { r_room1: 4, d_dm0001: 0 },
    });
  });

  it('parses hello with only a token', () => {
    expect(
      parseClientFrame(frame({ type: 'hello', id: 'h', protocol: 2, token: 'secret' })),
    ).toEqual({
      type: 'hello',
      id: 'h',
      protocol: 2,
      token: 'secret',
    });
  });

  it('parses ping', () => {
    expect(parseClientFrame('{"type":"ping","id":"p"}')).toEqual({ type: 'ping', id: 'p' });
  });

  it('parses message:send with an empty text and a file id', () => {
    const value = {
      type: 'message:send',
      id: '7',
      roomId: 'd_abcd-EF_9',
      clientId: 'c-1',
      text: '',
      fileId: 'f_abcdefgh',
    };
    expect(parseClientFrame(frame(value))).toEqual(value);
  });

  it('parses room:create with a trimmed name and topic', () => {
    expect(
      parseClientFrame(frame({ type: 'room:create', id: '1', name: ' general ', topic: ' chat ' })),
    ).toEqual({
      type: 'room:create',
      id: '1',
      name: 'general',
      topic: 'chat',
    });
  });

  it('parses history with paging fields', () => {
    const value = {
      type: 'history',
      id: '1',
      roomId: 'r_room1',
      before: 10,
      limit: LIMITS.historyPageMax,
    };
    expect(parseClientFrame(frame(value))).toEqual(value);
  });

  it('parses reaction:add, message:edit and dm:open', () => {
    expect(
      parseClientFrame(
        frame({ type: 'reaction:add', id: '1', roomId: 'r_room1', seq: 3, emoji: '👍' }),
      ),
    ).toMatchObject({
      type: 'reaction:add',
      emoji: '👍',
    });
    expect(
      parseClientFrame(
        frame({ type: 'message:edit', id: '2', roomId: 'r_room1', seq: 3, text: 'fixed' }),
      ),
    ).toMatchObject({
      type: 'message:edit',
      seq: 3,
    });
    expect(parseClientFrame(frame({ type: 'dm:open', id: '3', userId: 'u_bob1' }))).toMatchObject({
      type: 'dm:open',
      userId: 'u_bob1',
    });
  });
});

describe('requestIdOf', () => {
  it('returns a string id', () => {
    expect(requestIdOf('{"type":"whatever","id":"abc"}')).toBe('abc');
  });

  it('returns the id even when the rest of the frame is invalid', () => {
    expect(requestIdOf(frame({ type: 'room:join', id: 'r1', roomId: 5 }))).toBe('r1');
  });

  it('accepts an id of exactly the limit and refuses a longer one', () => {
    expect(requestIdOf(frame({ id: 'i'.repeat(64) }))).toBe('i'.repeat(64));
    expect(requestIdOf(frame({ id: 'i'.repeat(65) }))).toBeUndefined();
  });

  it.each(['not json', 'null', '[]', '"id"', '42', '{"id":42}', '{"id":null}', '{}'])(
    'returns undefined for %s',
    (text) => {
      expect(requestIdOf(text)).toBeUndefined();
    },
  );
});

describe('lone surrogates', () => {
  it('refuses them as invalid in any text field, naming the field', () => {
    const frames = [
      '{"type":"message:send","id":"1","roomId":"r_general","clientId":"c1","text":"hi \\ud800 there"}',
      '{"type":"message:send","id":"1","roomId":"r_general","clientId":"c\\udc00","text":"x"}',
      '{"type":"hello","id":"1","protocol":2,"name":"\\udbff"}',
    ];
    for (const text of frames) {
      let caught: unknown;
      try {
        parseClientFrame(text);
      } catch (err) {
        caught = err;
      }
      expect((caught as { code?: string }).code, text).toBe('invalid');
      expect((caught as Error).message).toMatch(/lone UTF-16 surrogate/);
    }
    // A proper pair (an emoji) is fine.
    const ok = parseClientFrame(
      '{"type":"message:send","id":"1","roomId":"r_general","clientId":"c1","text":"\\ud83d\\ude00"}',
    );
    expect(ok.type).toBe('message:send');
  });
});

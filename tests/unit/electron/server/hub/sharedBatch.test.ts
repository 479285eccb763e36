import { describe, expect, it } from 'vitest';
import {
  BatchNode,
  encodeTextFrame,
  MAX_MESSAGE_CHARS,
} from '../../../../../electron/server/hub/sharedBatch.js';

/** Reads back an unmasked text frame: [fin+opcode, payload]. */
function decode(frame: Buffer): { first: number; text: string } {
  const len = frame[1]!;
  const header = len === 126 ? 4 : len === 127 ? 10 : 2;
  const size = len === 126 ? frame.readUInt16BE(2) : len === 127 ? frame.readUInt32BE(6) : len;
  expect(frame.length).toBe(header + size);
  return { first: frame[0]!, text: frame.toString('utf8', header) };
}

describe('shared batches', () => {
  it('encodes final text frames with each length form', () => {
    for (const text of ['"a"', `"${'é'.repeat(100)}"`, `"${'x'.repeat(70_000)}"`]) {
      const { first, text: back } = decode(encodeTextFrame(text));
      expect(first).toBe(0x81);
      expect(back).toBe(text);
    }
  });

  it('gives sockets with the same frames the same node and the same bytes', () => {
    const root = new BatchNode('', undefined);
    const a = root.child('{"n":1}').child('{"n":2}');
    const b = root.child('{"n":1}').child('{"n":2}');
    const c = root.child('{"n":1}').child('{"n":3}');
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a.messages()).toBe(b.messages());
    expect(decode(a.messages()[0]!).text).toBe('[{"n":1},{"n":2}]');
    expect(decode(c.messages()[0]!).text).toBe('[{"n":1},{"n":3}]');
    expect(decode(root.child('{"n":1}').messages()[0]!).text).toBe('{"n":1}');
  });

  it('splits a long sequence into bounded messages, in order', () => {
    let node = new BatchNode('', undefined);
    const frame = JSON.stringify('f'.repeat(300 * 1024));
    for (let i = 0; i < 8; i++) node = node.child(`${frame.slice(0, -1)}${i}"`);
    const texts = node.messages().map((m) => decode(m).text);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.every((t) => t.length <= MAX_MESSAGE_CHARS + 2)).toBe(true);
    const frames = texts.flatMap((t) => (t.startsWith('[') ? JSON.parse(t) : [JSON.parse(t)]));
    expect(frames.map((f: string) => f.at(-1))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../../../electron/server/http/range.js';

describe('parseRange', () => {
  it('returns undefined when there is no Range header', () => {
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(parseRange('', 100)).toBeUndefined();
  });

  it('parses a closed range bytes=a-b (inclusive)', () => {
    expect(parseRange('bytes=0-0', 100)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=0-99', 100)).toEqual({ start: 0, end: 99 });
  });

  it('tolerates surrounding whitespace', () => {
    expect(parseRange('  bytes=5-9 ', 100)).toEqual({ start: 5, end: 9 });
  });

  it('parses an open range bytes=a- to the end of the file', () => {
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=99-', 100)).toEqual({ start: 99, end: 99 });
  });

  it('parses a suffix range bytes=-n as the last n bytes', () => {
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-1', 100)).toEqual({ start: 99, end: 99 });
  });

  it('serves the whole file for a suffix longer than the file', () => {
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('clamps an end past the file to the last byte', () => {
    expect(parseRange('bytes=50-1000', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=0-99999999999999999999', 100)).toEqual({ start: 0, end: 99 });
  });

  it('answers unsatisfiable for a start at or past the end', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=100-200', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5000-', 100)).toBe('unsatisfiable');
  });

  it('answers unsatisfiable for a zero-length suffix', () => {
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
  });

  it('does not return a backwards range', () => {
    expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
  });

  it.each([
    'bytes=-',
    'bytes=',
    'items=0-10',
    'bytes 0-10',
    'bytes=a-b',
    'bytes=1-2-3',
    'bytes=0-1,5-9',
    'bytes=-1-2',
    'BYTES=0-1',
    'bytes=0x1-2',
  ])('ignores malformed or multi-range header %j (serve the whole file)', (header) => {
    expect(parseRange(header, 100)).toBeUndefined();
  });

  describe('zero-size file', () => {
    it('answers unsatisfiable for any start offset', () => {
      expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
      expect(parseRange('bytes=0-0', 0)).toBe('unsatisfiable');
    });

    it('returns no range without a header', () => {
      expect(parseRange(undefined, 0)).toBeUndefined();
    });

    // A suffix range on an empty file has no bytes to send: a range {start: 0, end: -1} makes
    // files.ts answer 206 with the malformed header "Content-Range: bytes 0--1/0".
    it('never returns a byte range for a suffix request (no bytes exist)', () => {
      const r = parseRange('bytes=-5', 0);
      expect(r === undefined || r === 'unsatisfiable').toBe(true);
    });
  });

  it('every range it returns lies inside the file', () => {
    const headers = [
      'bytes=0-',
      'bytes=3-7',
      'bytes=-3',
      'bytes=-50',
      'bytes=9-',
      'bytes=2-100',
      'bytes=0-0',
    ];
    for (const size of [1, 2, 10]) {
      for (const h of headers) {
        const r = parseRange(h, size);
        if (r === undefined || r === 'unsatisfiable') continue;
        expect(r.start, `${h} on ${size}`).toBeGreaterThanOrEqual(0);
        expect(r.end, `${h} on ${size}`).toBeGreaterThanOrEqual(r.start);
        expect(r.end, `${h} on ${size}`).toBeLessThan(size);
      }
    }
  });
});

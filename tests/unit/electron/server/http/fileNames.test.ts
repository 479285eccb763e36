import { describe, expect, it } from 'vitest';
import {
  cleanFileName,
  cleanMimeType,
  contentDisposition,
  INLINE_TYPES,
} from '../../../../../electron/server/http/fileNames.js';
import { LIMITS } from '../../../../../shared/protocol/limits.js';

describe('cleanFileName', () => {
  it('keeps an ordinary name', () => {
    expect(cleanFileName('report 2024 (final).pdf')).toBe('report 2024 (final).pdf');
    expect(cleanFileName('фото-😀.jpg')).toBe('фото-😀.jpg');
  });

  it('keeps the whole name: slashes are text, never a path (files are stored by id)', () => {
    expect(cleanFileName('Q3/Q4 plan.pdf')).toBe('Q3/Q4 plan.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('../../etc/passwd');
    expect(cleanFileName('C:\\x\\y.txt')).toBe('C:\\x\\y.txt');
  });

  it('removes control characters', () => {
    expect(cleanFileName('a\u0000b\nc\rd\u001be\u007f.txt')).toBe('abcde.txt');
  });

  it('trims surrounding whitespace', () => {
    expect(cleanFileName('   spaced.txt \t')).toBe('spaced.txt');
  });

  it.each(['', '   ', '.', '..', '\u0000\u0001', ' .. '])('falls back to "file" for %j', (raw) => {
    expect(cleanFileName(raw)).toBe('file');
  });

  it('bounds the length', () => {
    const name = cleanFileName(`${'n'.repeat(1000)}.txt`);
    expect(name).toHaveLength(LIMITS.fileNameMax);
    expect(name).toBe('n'.repeat(LIMITS.fileNameMax));
  });

  // Cutting at a UTF-16 index can split an emoji into a lone surrogate, which then makes
  // encodeURIComponent in contentDisposition throw "URI malformed" when the file is downloaded.
  it('does not split a character when it cuts a long name', () => {
    const name = cleanFileName(`${'a'.repeat(LIMITS.fileNameMax - 1)}😀😀.txt`);
    expect(() => encodeURIComponent(name)).not.toThrow();
    expect(() => contentDisposition('attachment', name)).not.toThrow();
  });
});

describe('cleanMimeType', () => {
  it('keeps a plain type, lower-cased, without parameters', () => {
    expect(cleanMimeType('image/png')).toBe('image/png');
    expect(cleanMimeType('Text/HTML; charset=UTF-8')).toBe('text/html');
    expect(cleanMimeType('  application/vnd.ms-excel  ')).toBe('application/vnd.ms-excel');
    expect(cleanMimeType('image/svg+xml')).toBe('image/svg+xml');
  });

  it.each([
    undefined,
    '',
    'png',
    'image/',
    '/png',
    'image/png/x',
    'image/p ng',
    'text/html\r\nX-Evil: 1',
    'a/b"c',
    `${'a'.repeat(65)}/b`,
  ])('turns %j into application/octet-stream', (raw) => {
    expect(cleanMimeType(raw)).toBe('application/octet-stream');
  });
});

describe('INLINE_TYPES', () => {
  it('lets raster images inline but never SVG or HTML', () => {
    expect(INLINE_TYPES.has('image/png')).toBe(true);
    expect(INLINE_TYPES.has('image/svg+xml')).toBe(false);
    expect(INLINE_TYPES.has('text/html')).toBe(false);
  });
});

describe('contentDisposition', () => {
  it('gives plain ASCII names as they are', () => {
    expect(contentDisposition('attachment', 'notes.txt')).toBe(
      `attachment; filename="notes.txt"; filename*=UTF-8''notes.txt`,
    );
    expect(contentDisposition('inline', 'a.png')).toMatch(/^inline; filename="a\.png"; /);
  });

  it('replaces each non-ASCII character (code point) in the fallback with one "_" and encodes them exactly in filename*', () => {
    const header = contentDisposition('attachment', 'résumé 😀.pdf');
    expect(header).toBe(
      `attachment; filename="r_sum_ _.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%F0%9F%98%80.pdf`,
    );
    const encoded = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('résumé 😀.pdf');
  });

  it('cannot break out of the quoted fallback', () => {
    const header = contentDisposition('attachment', 'a"; filename="evil.html\\%.txt');
    const fallback = /filename="([^"]*)"/.exec(header)?.[1];
    expect(fallback).toBe('a_; filename=_evil.html__.txt');
    // Exactly two quotes: the fallback value is the only quoted string.
    expect(header.split('"')).toHaveLength(3);
    expect(header).not.toMatch(/[\r\n]/);
  });

  it('keeps header-breaking characters out of the header', () => {
    const header = contentDisposition('attachment', 'x\r\nSet-Cookie: a=b');
    expect(header).not.toMatch(/[\r\n]/);
  });

  // RFC 8187 attr-char excludes ' ( ) * ; encodeURIComponent leaves them as they are, so a name
  // like "photo (1).jpg" yields an ext-value that strict parsers reject.
  it('percent-encodes every character outside RFC 8187 attr-char in filename*', () => {
    const header = contentDisposition('attachment', "it's photo (1)*.jpg");
    const encoded = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? '';
    expect(encoded).toMatch(/^(?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-F]{2})*$/);
  });
});

import { LIMITS } from '../../../shared/protocol/index.js';

/**
 * The display name of an uploaded file: the whole name as given (a "/" in it is text, not a
 * path), without control characters, bounded. It is metadata only: the bytes are stored under
 * the server-made id, and whoever saves the file to disk makes its own safe name from this.
 */
export function cleanFileName(raw: string): string {
  // Cut by code point, never inside a surrogate pair (that would break percent-encoding).
  const clean = Array.from(raw.replace(/\p{Cc}/gu, '').trim())
    .slice(0, LIMITS.fileNameMax)
    .join('')
    .trim();
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

/** A Content-Type that is a plain type/subtype; anything else becomes octet-stream. */
export function cleanMimeType(raw: string | undefined): string {
  const t = (raw ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/.test(t)
    ? t
    : 'application/octet-stream';
}

/** Image types safe to show inline (SVG is excluded: it can carry script). */
export const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
]);

/** Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  // encodeURIComponent leaves ' ( ) * alone; RFC 8187 attr-char does not allow them.
  const ext = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${ext}`;
}

/** Which shared files the page may show inline. */
import type { FileInfo } from '../../../shared/protocol/index.js';

/** The types the server serves inline (everything else comes as an attachment). */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** Whether a file gets an inline image preview. */
export function isPreviewable(file: FileInfo): boolean {
  return INLINE_IMAGES.has(file.type.toLowerCase());
}

/** A short label for a file's kind ("PDF", "ZIP"), from its name. */
export function fileBadge(name: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1];
  return ext ? ext.toUpperCase() : 'FILE';
}

/**
 * Where a download lands. The name comes from whoever uploaded the file, so it is treated as
 * hostile: it becomes one plain file name inside the downloads folder, never a path, and never
 * replaces a file that is already there.
 */
import { link, rename, stat, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';

const MAX_NAME_BYTES = 200;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

function cutToBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/**
 * A safe file name: last path segment only; no control, format (bidi overrides, zero-width) or
 * Windows-forbidden characters; no leading dots (no hidden files, no `..`); no trailing dots or
 * spaces; not a Windows device name; at most 200 bytes, keeping the extension.
 */
export function safeDownloadName(raw: string): string {
  let name = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (name === '') return 'download';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const ext = extname(name);
  const keepExt = ext.length > 1 && Buffer.byteLength(ext) <= 20 ? ext : '';
  return (
    cutToBytes(
      name.slice(0, name.length - keepExt.length),
      MAX_NAME_BYTES - Buffer.byteLength(keepExt),
    ) + keepExt
  );
}

/** "name.ext", then "name (1).ext", "name (2).ext"… */
export function numberedName(name: string, n: number): string {
  if (n === 0) return name;
  const ext = extname(name);
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name;
  return `${stem} (${n})${ext && ext !== name ? ext : ''}`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Moves a finished `.part` file to the first free numbered name in `dir`. A hard link claims the
 * name atomically (it fails if the name exists, so a concurrent download cannot be overwritten);
 * file systems without hard links fall back to check-then-rename.
 */
export async function claimDownloadName(part: string, dir: string, name: string): Promise<string> {
  for (let n = 0; n < 1000; n++) {
    const target = join(dir, numberedName(name, n));
    try {
      await link(part, target);
      await unlink(part);
      return target;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (await exists(target)) continue;
      await rename(part, target);
      return target;
    }
  }
  throw new Error(`Too many files named "${name}" in ${dir}.`);
}

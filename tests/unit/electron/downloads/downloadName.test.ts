import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimDownloadName,
  numberedName,
  safeDownloadName,
} from '../../../../electron/downloads/downloadName.js';

describe('safeDownloadName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['  spaced  .txt  ', 'spaced  .txt'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\evil.bat', 'evil.bat'],
    ['/', 'download'],
    ['', 'download'],
    ['.', 'download'],
    ['...', 'download'],
    ['..hidden', 'hidden'],
    ['trailing...', 'trailing'],
    ['nul', '_nul'],
    ['LPT1.log', '_LPT1.log'],
    ['console.log', 'console.log'],
    ['a\u0000b\u0007c.txt', 'abc.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['zero\u200Bwidth.txt', 'zerowidth.txt'],
    ['what?*.txt', 'what__.txt'],
    ['日本語のファイル.txt', '日本語のファイル.txt'],
  ])('%j → %j', (raw, safe) => expect(safeDownloadName(raw)).toBe(safe));

  it('bounds the length in bytes and keeps the extension', () => {
    const long = safeDownloadName(`${'é'.repeat(300)}.tar`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long.endsWith('é.tar')).toBe(true);
    const emoji = safeDownloadName('😀'.repeat(100));
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(200);
    expect([...emoji].every((c) => c === '😀')).toBe(true);
  });

  it('numbers names before the extension', () => {
    expect(numberedName('a.txt', 0)).toBe('a.txt');
    expect(numberedName('a.txt', 2)).toBe('a (2).txt');
    expect(numberedName('README', 1)).toBe('README (1)');
    expect(numberedName('archive.tar.gz', 1)).toBe('archive.tar (1).gz');
  });
});

describe('claimDownloadName', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-claim-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('never overwrites, even when downloads of one name finish together', async () => {
    await writeFile(join(dir, 'same.txt'), 'existing');
    const parts = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const part = join(dir, `same.txt.${i}.part`);
        await writeFile(part, `copy ${i}`);
        return part;
      }),
    );
    const claimed = await Promise.all(parts.map((p) => claimDownloadName(p, dir, 'same.txt')));
    expect(new Set(claimed).size).toBe(4);
    expect(await readFile(join(dir, 'same.txt'), 'utf8')).toBe('existing');
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([
      'same (1).txt',
      'same (2).txt',
      'same (3).txt',
      'same (4).txt',
      'same.txt',
    ]);
  });
});

/**
 * The icon files are generated from one drawing (scripts/iconArt.ts) by `npm run icons` and
 * committed: the committed files must be what the script makes now, and each format must be
 * well-formed (PNG sizes, the .ico directory, the .icns element list).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderIcon } from '../../../scripts/iconArt.js';
import { encodePng, ICNS_TYPES } from '../../../scripts/iconFormats.js';
import { ICO_SIZES, LINUX_SIZES } from '../../../scripts/icons.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (rel: string) => readFile(join(ROOT, rel));

function pngSize(png: Buffer): number {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  const w = png.readUInt32BE(16);
  expect(png.readUInt32BE(20)).toBe(w);
  return w;
}

describe('generated icons', () => {
  it('small sizes match what the script draws now (the committed files are not stale)', async () => {
    for (const size of [16, 32, 48]) {
      const committed = await read(`build/icons/${size}x${size}.png`);
      expect(committed.equals(encodePng(size, renderIcon(size))), `${size}px`).toBe(true);
    }
  });

  it('has every Linux size, a 1024 px source PNG and a 256 px favicon', async () => {
    for (const size of LINUX_SIZES)
      expect(pngSize(await read(`build/icons/${size}x${size}.png`))).toBe(size);
    expect(pngSize(await read('build/icon.png'))).toBe(1024);
    expect(pngSize(await read('renderer/public/favicon.png'))).toBe(256);
  });

  it('a round-trip of the PNG encoder gives back the pixels', () => {
    const rgba = renderIcon(8);
    const png = encodePng(8, rgba);
    const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IEND') - 8);
    const raw = inflateSync(idat);
    for (let y = 0; y < 8; y++)
      expect(
        raw
          .subarray(y * 33 + 1, y * 33 + 33)
          .equals(Buffer.from(rgba.subarray(y * 32, y * 32 + 32))),
      ).toBe(true);
  });

  it('the .ico lists each Windows size once, with PNG data where it says', async () => {
    const ico = await read('build/icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + i * 16;
      const size = ico[e] === 0 ? 256 : ico[e]!;
      const length = ico.readUInt32LE(e + 8);
      const offset = ico.readUInt32LE(e + 12);
      expect(pngSize(ico.subarray(offset, offset + length))).toBe(size);
      sizes.push(size);
    }
    expect(sizes).toEqual(ICO_SIZES);
  });

  it('the .icns holds every macOS element with PNG data of its size', async () => {
    const icns = await read('build/icon.icns');
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Array<[string, number]> = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.subarray(at, at + 4).toString('ascii');
      const length = icns.readUInt32BE(at + 4);
      found.push([type, pngSize(icns.subarray(at + 8, at + length))]);
      at += length;
    }
    expect(found).toEqual(ICNS_TYPES);
  });
});

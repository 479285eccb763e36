/**
 * `npm run icons`: every icon file the packages and the app need, from the one drawing in
 * iconArt.ts. The outputs are committed (a test checks they match what this script makes):
 *   build/icon.png            1024 px: electron-builder's fallback and the README
 *   build/icons/NxN.png       Linux (AppImage, deb, rpm): 16 … 1024
 *   build/icon.icns           macOS (dmg, zip)
 *   build/icon.ico            Windows (nsis): 16 … 256
 *   renderer/public/favicon.png  256 px: the browser tab, the window and the tray
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderIcon } from './iconArt.js';
import { encodeIcns, encodeIco, encodePng } from './iconFormats.js';

/** Sizes of the Linux icon set. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Sizes inside the Windows .ico. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** Every generated file: path relative to the repository → bytes. */
export function iconFiles(): Map<string, Buffer> {
  const pngs = new Map<number, Buffer>();
  const pngOf = (size: number): Buffer => {
    let png = pngs.get(size);
    if (!png) pngs.set(size, (png = encodePng(size, renderIcon(size))));
    return png;
  };
  const files = new Map<string, Buffer>();
  files.set('build/icon.png', pngOf(1024));
  for (const size of LINUX_SIZES) files.set(`build/icons/${size}x${size}.png`, pngOf(size));
  files.set('build/icon.icns', encodeIcns(pngOf));
  files.set('build/icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: pngOf(size) }))));
  files.set('renderer/public/favicon.png', pngOf(256));
  return files;
}

async function main(root: string): Promise<void> {
  for (const [rel, bytes] of iconFiles()) {
    await mkdir(join(root, rel, '..'), { recursive: true });
    await writeFile(join(root, rel), bytes);
    process.stdout.write(`${rel} (${bytes.length} bytes)\n`);
  }
}

if (process.argv[1]?.endsWith('icons.js')) {
  main(process.cwd()).catch((err: unknown) => {
    process.stderr.write(`icons: ${(err as Error).message}\n`);
    process.exit(1);
  });
}

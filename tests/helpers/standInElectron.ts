/**
 * A stand-in for the Electron distribution folder (`electronDist`), so `electron-builder` can
 * pack the app here without downloading Electron. The "binary" is a shell script carrying the
 * fuse wire (sentinel, wire version 1, the fuses at Electron's defaults) exactly where
 * @electron/fuses looks for it, so the packed binary's fuses can be read back.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The fuse wire sentinel Electron binaries carry (from @electron/fuses). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's default fuses, in FuseV1Options order: RunAsNode on, cookie encryption off,
 * NODE_OPTIONS on, --inspect on, ASAR integrity off, only-asar off, V8 snapshot off, file://
 * extra privileges on.
 */
const DEFAULT_WIRE = '10110001';

/** Writes a Linux Electron stand-in into `dir`. */
export async function writeStandInElectron(dir: string): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: no real binary here" >&2\nexit 1\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
  ]);
  await writeFile(join(dir, 'electron'), binary, { mode: 0o755 });
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (tests only).\n');
  await writeFile(join(dir, 'version'), '45.4.1');
}

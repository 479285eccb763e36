import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from this module to Parley's package.json (works from source and from dist/). */
function findPackage(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'parley') return { root: dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // Not here; look one folder up.
    }
    dir = dirname(dir);
  }
  return { root: process.cwd(), version: '0.0.0' };
}

const pkg = findPackage();
/** The app version from package.json. */
export const PARLEY_VERSION = pkg.version;
/** Folder holding package.json, for finding the built web client. */
export const APP_ROOT = pkg.root;

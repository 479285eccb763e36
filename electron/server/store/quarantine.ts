import { mkdir, rename } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** Folder inside the data directory where damaged files are moved, never deleted. */
export const QUARANTINE_DIR = 'quarantine';

/**
 * Moves a damaged file into `quarantine/`, keeping its path inside the data directory and adding
 * the time, so nothing is destroyed and a person (or a tool) can look at it later.
 * Returns where it went, or undefined when it could not be moved (it is then left in place).
 */
export async function quarantine(dataDir: string, path: string): Promise<string | undefined> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = join(dataDir, QUARANTINE_DIR, `${relative(dataDir, path)}.${stamp}`);
  try {
    await mkdir(dirname(target), { recursive: true });
    await rename(path, target);
    return target;
  } catch {
    return undefined;
  }
}

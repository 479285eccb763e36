import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../../../shared/protocol/index.js';

/** Held while a server uses a data directory; a second server on the same folder refuses to start. */
export interface DataLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock file in `dir`, taking over a stale one left by a process that has died. */
export function acquireDataLock(dir: string): DataLock {
  const path = join(dir, 'parley.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let held = true;
      return {
        release() {
          if (!held) return;
          held = false;
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      // Our own pid counts as alive: another server in this process has the folder.
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new ParleyError(
          'forbidden',
          `The data directory ${dir} is already used by another Parley server (process ${pid}). ` +
            'Stop that server, or start this one with a different --data directory.',
        );
      }
      unlinkSync(path);
    }
  }
  throw new ParleyError('internal', `Could not lock the data directory ${dir}`);
}

import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { uptime } from 'node:os';
import { join, resolve } from 'node:path';
import { ParleyError } from '../../../shared/protocol/index.js';

/** Held while a server uses a data directory; a second server on the same folder refuses to start. */
export interface DataLock {
  release(): void;
}

/** Folders this process has locked: our own pid in a lock file means nothing otherwise. */
const heldHere = new Set<string>();

/** When this machine booted (ms), so a lock from before a reboot is known to be stale. */
const bootTime = (): number => Date.now() - uptime() * 1000;

/**
 * When a process started, as the kernel counts it (Linux: clock ticks since boot, field 22 of
 * /proc/PID/stat); undefined where that cannot be read. Together with the pid it names one
 * process for good: a pid reused by another program has another start time.
 */
export function processStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[19]);
    return Number.isFinite(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the server that wrote a lock may still be running. After a crash the pid can belong
 * to someone else: to this very process (containers restart with the same pid), to any process
 * after a reboot, or to an unrelated program that got the pid later. Those cases are told apart
 * by the folders held here, the boot time and the process start time.
 */
function holderRunning(text: string, dir: string): number | undefined {
  let pid: number;
  let boot: number | undefined;
  let start: number | undefined;
  try {
    ({ pid, boot, start } = JSON.parse(text) as { pid: number; boot?: number; start?: number });
  } catch {
    pid = Number(text.trim());
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (boot !== undefined && Math.abs(boot - bootTime()) > 120_000) return undefined;
  if (pid === process.pid) return heldHere.has(dir) ? pid : undefined;
  if (!alive(pid)) return undefined;
  // The pid is taken, but by the server that wrote the lock only if it started at the same time.
  const now = processStart(pid);
  if (start !== undefined && now !== undefined && now !== start) return undefined;
  return pid;
}

/** Takes the lock file in `dir`, taking over a stale one left by a server that is gone. */
export function acquireDataLock(folder: string): DataLock {
  const dir = resolve(folder);
  const path = join(dir, 'parley.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(
        fd,
        JSON.stringify({
          pid: process.pid,
          boot: Math.round(bootTime()),
          start: processStart(process.pid),
        }),
      );
      closeSync(fd);
      heldHere.add(dir);
      let held = true;
      return {
        release() {
          if (!held) return;
          held = false;
          heldHere.delete(dir);
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = holderRunning(readFileSync(path, 'utf8'), dir);
      if (holder !== undefined) {
        throw new ParleyError(
          'forbidden',
          `The data directory ${folder} is already used by another Parley server (process ${holder}). ` +
            'Stop that server, or start this one with a different --data directory.',
        );
      }
      unlinkSync(path);
    }
  }
  throw new ParleyError('internal', `Could not lock the data directory ${folder}`);
}

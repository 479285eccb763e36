import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, uptime } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock, type DataLock } from '../../../../../electron/server/store/dataLock.js';
import { ParleyError } from '../../../../../shared/protocol/errors.js';

let dir: string;
const held: DataLock[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-lock-'));
});
afterEach(async () => {
  for (const lock of held.splice(0)) lock.release();
  await rm(dir, { recursive: true, force: true });
});

const lockPath = () => join(dir, 'parley.lock');
const acquire = () => {
  const lock = acquireDataLock(dir);
  held.push(lock);
  return lock;
};

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid;
}

describe('acquireDataLock', () => {
  it('writes our pid into parley.lock', () => {
    acquire();
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).pid).toBe(process.pid);
  });

  it('refuses a second lock in the same process, naming the folder', () => {
    acquire();
    let caught: unknown;
    try {
      acquire();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParleyError);
    expect((caught as ParleyError).code).toBe('forbidden');
    expect((caught as ParleyError).message).toContain(dir);
    expect((caught as ParleyError).message).toContain(String(process.pid));
    // The refused attempt did not disturb the holder's lock.
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).pid).toBe(process.pid);
  });

  it('release removes the lock file so the folder can be locked again', () => {
    const lock = acquire();
    lock.release();
    expect(existsSync(lockPath())).toBe(false);
    acquire();
    expect(existsSync(lockPath())).toBe(true);
  });

  it('release is idempotent and does not remove a lock taken by someone else afterwards', () => {
    const first = acquire();
    first.release();
    acquire();
    first.release();
    expect(existsSync(lockPath())).toBe(true);
  });

  it('release tolerates a lock file that is already gone', async () => {
    const lock = acquire();
    await rm(lockPath());
    expect(() => lock.release()).not.toThrow();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const pid = deadPid();
    await writeFile(lockPath(), String(pid));
    acquire();
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).pid).toBe(process.pid);
  });

  it('takes over a stale lock with a huge dead pid', async () => {
    await writeFile(lockPath(), '999999');
    acquire();
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).pid).toBe(process.pid);
  });

  it.each(['', 'garbage', '-5', '0', '1.5'])(
    'takes over a lock file holding %j',
    async (content) => {
      await writeFile(lockPath(), content);
      acquire();
      expect(JSON.parse(readFileSync(lockPath(), 'utf8')).pid).toBe(process.pid);
    },
  );

  it('fails plainly when the folder does not exist', () => {
    expect(() => acquireDataLock(join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});

describe('acquireDataLock after a crash', () => {
  it('takes over a lock holding its own pid when this process does not hold the folder', async () => {
    // A container restarts the host with the same pid as the one that crashed.
    await writeFile(
      join(dir, 'parley.lock'),
      JSON.stringify({ pid: process.pid, boot: Date.now() - uptime() * 1000 }),
    );
    const lock = acquireDataLock(dir);
    expect(JSON.parse(await readFile(join(dir, 'parley.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    lock.release();
  });

  it('takes over a lock written before the machine booted, even if that pid runs now', async () => {
    await writeFile(
      join(dir, 'parley.lock'),
      JSON.stringify({ pid: 1, boot: Date.now() - uptime() * 1000 - 3_600_000 }),
    );
    acquireDataLock(dir).release();
  });

  it('still refuses a lock of a live process from this boot', async () => {
    await writeFile(
      join(dir, 'parley.lock'),
      JSON.stringify({ pid: 1, boot: Date.now() - uptime() * 1000 }),
    );
    expect(() => acquireDataLock(dir)).toThrow(
      /already used by another Parley server \(process 1\)/,
    );
  });
});

describe('acquireDataLock after pid reuse', () => {
  it('takes over a lock whose pid now belongs to an unrelated live process', async () => {
    // A live process that is not a Parley server: its start time differs from the lock's.
    const { spawn } = await import('node:child_process');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const pid = other.pid!;
      await writeFile(
        lockPath(),
        JSON.stringify({ pid, boot: Math.round(Date.now() - uptime() * 1000), start: 1 }),
      );
      const lock = acquire();
      expect(JSON.parse(await readFile(lockPath(), 'utf8')).pid).toBe(process.pid);
      lock.release();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('still refuses while the process that wrote the lock runs (same pid and start time)', async () => {
    const { spawn } = await import('node:child_process');
    const { processStart } = await import('../../../../../electron/server/store/dataLock.js');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const pid = other.pid!;
      await new Promise((r) => setTimeout(r, 50));
      const start = processStart(pid);
      if (start === undefined) return; // no /proc here: only the pid can be compared
      await writeFile(
        lockPath(),
        JSON.stringify({ pid, boot: Math.round(Date.now() - uptime() * 1000), start }),
      );
      expect(() => acquire()).toThrow(/already used by another Parley server/);
    } finally {
      other.kill('SIGKILL');
    }
  });
});

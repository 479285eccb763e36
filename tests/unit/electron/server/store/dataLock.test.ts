import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
    expect(readFileSync(lockPath(), 'utf8')).toBe(String(process.pid));
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
    expect(readFileSync(lockPath(), 'utf8')).toBe(String(process.pid));
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
    expect(readFileSync(lockPath(), 'utf8')).toBe(String(process.pid));
  });

  it('takes over a stale lock with a huge dead pid', async () => {
    await writeFile(lockPath(), '999999');
    acquire();
    expect(readFileSync(lockPath(), 'utf8')).toBe(String(process.pid));
  });

  it.each(['', 'garbage', '-5', '0', '1.5'])(
    'takes over a lock file holding %j',
    async (content) => {
      await writeFile(lockPath(), content);
      acquire();
      expect(readFileSync(lockPath(), 'utf8')).toBe(String(process.pid));
    },
  );

  it('fails plainly when the folder does not exist', () => {
    expect(() => acquireDataLock(join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});

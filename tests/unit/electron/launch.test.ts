import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorSummary,
  launch,
  missingElectronMessage,
  resolveElectronBinary,
} from '../../../electron/launch.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'parley-launch-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A folder whose node_modules/electron/index.js is `body` (a stand-in for the real package). */
async function fakeElectronPackage(name: string, body: string): Promise<string> {
  const root = join(work, name);
  await mkdir(join(root, 'node_modules', 'electron'), { recursive: true });
  await writeFile(join(root, 'node_modules', 'electron', 'index.js'), body);
  return root;
}

describe('resolveElectronBinary', () => {
  it('reports a missing binary without touching the network (real electron package)', async () => {
    const empty = await mkdtemp(join(work, 'dist-'));
    // The package returns OVERRIDE/electron without downloading when this is set.
    const r = await resolveElectronBinary({
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      timeoutMs: 20_000,
    });
    expect(r).toEqual({
      ok: false,
      reason: `the Electron binary is not at ${join(empty, 'electron')}`,
    });
  });

  it('gives up on a download that hangs, within the time limit', async () => {
    const root = await fakeElectronPackage(
      'hangs',
      'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);',
    );
    // The hanging child would block for 60 s; the answer names the time limit, so it came from
    // the limit and not from the child ending (no wall-clock assertion: a loaded CI machine).
    const r = await resolveElectronBinary({ root, timeoutMs: 500 });
    expect(r).toEqual({
      ok: false,
      reason: 'finding or downloading Electron did not finish within 1 s',
    });
  });

  it('passes on the reason a download failed', async () => {
    const root = await fakeElectronPackage(
      'throws',
      "console.log('Downloading Electron binary...');\n" +
        "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');",
    );
    const r = await resolveElectronBinary({ root, timeoutMs: 20_000 });
    expect(r).toEqual({
      ok: false,
      reason:
        'Electron failed to install correctly, please delete node_modules/electron and try installing again',
    });
  });

  it('finds a binary that exists, despite download chatter on stdout', async () => {
    const root = await fakeElectronPackage(
      'present',
      `console.log('Downloading Electron binary...');\nmodule.exports = ${JSON.stringify(process.execPath)};`,
    );
    await expect(resolveElectronBinary({ root, timeoutMs: 20_000 })).resolves.toEqual({
      ok: true,
      path: process.execPath,
    });
  });
});

describe('launch', () => {
  it('explains why and offers the browser route, with a failing exit code', async () => {
    let out = '';
    const code = await launch({
      resolve: async () => ({ ok: false, reason: 'the Electron binary is not at /x/electron' }),
      run: () => {
        throw new Error('must not run');
      },
      write: (t) => void (out += t),
    });
    expect(code).toBe(1);
    expect(out).toContain(
      'Parley cannot open the desktop app: the Electron binary is not at /x/electron.',
    );
    expect(out).toContain('npm run host');
    expect(out).toMatch(/http:\/\/<this machine’s address>:4747\//);
    expect(out).toContain('http://127.0.0.1:4747/');
  });

  it('runs the binary with the app folder and forwards its exit code', async () => {
    let args: string[] = [];
    const code = await launch(
      {
        resolve: async () => ({ ok: true, path: process.execPath }),
        run: (bin, a) => {
          args = a;
          return spawn(bin, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
        },
        write: () => undefined,
      },
      ['--inspect'],
    );
    expect(code).toBe(3);
    expect(args.slice(1)).toEqual(['--inspect']);
    expect(args[0]).toMatch(/\S/);
  });

  it('summarises a thrown error from stderr', () => {
    const stderr = [
      '/app/node_modules/electron/index.js:17',
      '    throw new Error(',
      '    ^',
      '',
      'Error: Electron failed to install correctly',
      '    at getElectronPath (/app/node_modules/electron/index.js:17:11)',
    ].join('\n');
    expect(errorSummary(stderr)).toBe('Electron failed to install correctly');
    expect(errorSummary('RequestError: getaddrinfo ENOTFOUND github.com\n   at x')).toBe(
      'getaddrinfo ENOTFOUND github.com',
    );
    expect(errorSummary('')).toBe('unknown error');
    expect(missingElectronMessage('x').split('\n')[0]).toBe(
      'Parley cannot open the desktop app: x.',
    );
  });
});

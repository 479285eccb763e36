/**
 * The bundled preload, built here with vite.preload.config.ts and run as a sandboxed preload is:
 * one CommonJS script whose only require is `electron`. It must expose `parley` and nothing else.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let out: string;
let code: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'parley-preload-'));
  await build({
    configFile: 'vite.preload.config.ts',
    logLevel: 'silent',
    build: { outDir: out, emptyOutDir: true },
  });
  code = await readFile(join(out, 'preload.cjs'), 'utf8');
});
afterAll(() => rm(out, { recursive: true, force: true }));

function runPreload() {
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const required: string[] = [];
  const paths: unknown[] = [];
  const sent: unknown[][] = [];
  const listeners = new Map<string, (e: unknown) => void>();
  // The page's window as the isolated world sees it: the preload listens in capture phase.
  const window = {
    addEventListener: (type: string, fn: (e: unknown) => void, capture: boolean) =>
      capture && listeners.set(type, fn),
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api),
    },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: 'v' }),
      send: (...args: unknown[]) => void sent.push(args),
      on: () => undefined,
    },
    webUtils: { getPathForFile: (f: unknown) => (paths.push(f), '/home/me/a.txt') },
  };
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', 'window', code)(
    fakeRequire,
    module,
    module.exports,
    window,
  );
  return { exposed, invoked, required, paths, sent, listeners };
}

describe('bundled preload', () => {
  it('is one CommonJS file that requires only electron', async () => {
    expect(await readdir(out)).toEqual(['preload.cjs']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const { required } = runPreload();
    expect(required).toEqual(['electron']);
  });

  it('exposes window.parley as the ChatApi and nothing else', async () => {
    const { exposed, invoked, paths } = runPreload();
    expect(Object.keys(exposed)).toEqual(['parley']);
    const api = exposed.parley as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(api).sort()).toEqual(
      ['call', 'onNotice', 'onOpenRoom', 'onState', 'onTimeline', 'upload'].sort(),
    );
    await expect(api.call!('signOut', { serverId: 's' })).resolves.toBe('v');
    const file = new File(['abc'], 'a.txt', { type: 'text/plain' });
    await api.upload!({ serverId: 's', roomId: 'r_general' }, file);
    expect(paths).toEqual([file]);
    expect(invoked).toEqual([
      ['parley:call', 'signOut', { serverId: 's' }],
      [
        'parley:upload',
        { serverId: 's', roomId: 'r_general' },
        { name: 'a.txt', size: 3, type: 'text/plain', path: '/home/me/a.txt' },
      ],
    ]);
  });

  it('grants main the paths of files from trusted drops, pastes and picks only', () => {
    const { listeners, sent } = runPreload();
    expect([...listeners.keys()].sort()).toEqual(['change', 'drop', 'paste']);
    const file = new File(['abc'], 'a.txt');
    listeners.get('drop')!({ type: 'drop', isTrusted: false, dataTransfer: { files: [file] } });
    expect(sent).toEqual([]);
    listeners.get('drop')!({ type: 'drop', isTrusted: true, dataTransfer: { files: [file] } });
    listeners.get('change')!({
      type: 'change',
      isTrusted: true,
      target: { type: 'file', files: [file] },
    });
    expect(sent).toEqual([
      ['parley:grant', ['/home/me/a.txt']],
      ['parley:grant', ['/home/me/a.txt']],
    ]);
  });
});

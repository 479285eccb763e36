/**
 * `npm run dist` without the Electron binary: electron-builder packs the app for Linux (`dir`)
 * against a stand-in Electron folder (`-c.electronDist`), once, and the result is checked:
 * the asar holds what main loads and nothing else (no React sources, TypeScript, maps, docs),
 * every shipped file of ours is loaded when main starts, the fuses are flipped in the packed
 * binary, and the protocol, update and macOS settings are in the build configuration.
 * Needs `npm run build` first (npm test does it).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME } from '../../../electron/window/security.js';
import { writeStandInElectron } from '../../helpers/standInElectron.js';

const ROOT = resolve(import.meta.dirname, '../../..');
let work: string;
let unpacked: string;
let asarPath: string;
let files: string[];

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number | null; out: string }>((done) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => done({ code, out }));
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'node', 'electron', 'main.js')))
    throw new Error('Build first: npm run build (npm test does).');
  work = await mkdtemp(join(tmpdir(), 'parley-pack-'));
  const electronDist = join(work, 'electron-dist');
  await writeStandInElectron(electronDist);
  const builder = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const { code, out } = await run(
    process.execPath,
    [
      builder,
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(work, 'out')}`,
    ],
    { cwd: ROOT, env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') } },
  );
  if (code !== 0) throw new Error(`electron-builder failed:\n${out}`);
  unpacked = join(work, 'out', 'linux-unpacked');
  asarPath = join(unpacked, 'resources', 'app.asar');
  files = listPackage(asarPath, { isPack: false }).map((f) => f.replace(/\\/g, '/').slice(1));
}, 180_000);
afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

/** The production dependency closure, from the lock file. */
async function productionPackages(): Promise<Set<string>> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; dev?: boolean }>;
  };
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {}))
      visit(dep);
  };
  for (const dep of Object.keys(lock.packages['']!.dependencies ?? {})) visit(dep);
  return seen;
}

/** Everything main or its dependencies import from 'electron'. */
const ELECTRON_EXPORTS = [
  'BrowserWindow',
  'dialog',
  'ipcMain',
  'Menu',
  'nativeImage',
  'Notification',
  'protocol',
  'session',
  'shell',
  'Tray',
  'net',
  'autoUpdater',
];

/** A fuse's byte in the wire: '0' off, '1' on (FuseState, which the package does not export). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const;

describe('the packed app', () => {
  it('holds the built app, package.json and runtime dependencies only', async () => {
    for (const must of [
      'package.json',
      'dist/node/electron/main.js',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
    ])
      expect(files, must).toContain(must);
    const ours = files.filter((f) => f !== 'node_modules' && !f.startsWith('node_modules/'));
    for (const f of ours)
      expect(f, f).toMatch(/^(package\.json|dist(\/(node|preload|renderer)(\/.*)?)?)$/);
    expect(ours.some((f) => /^dist\/node\/(bench|scripts)\//.test(f))).toBe(false);
    expect(files).not.toContain('dist/node/electron/server/host.js');
    expect(files).not.toContain('dist/node/electron/launch.js');
    for (const f of files) expect(f, f).not.toMatch(/\.(ts|cts|mts|map|md|tsx)$/);
    const top = new Set(
      files
        // A scope folder alone (node_modules/@scope) is not a package.
        .filter((f) => /^node_modules\/[^/]+/.test(f) && !/^node_modules\/@[^/]+$/.test(f))
        .map((f) => {
          const parts = f.split('/');
          return parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!;
        }),
    );
    for (const gone of ['react', 'react-dom', 'react-virtuoso', 'electron', 'vite', 'typescript'])
      expect(top.has(gone), gone).toBe(false);
    const allowed = await productionPackages();
    for (const name of top) if (name !== '.bin') expect(allowed.has(name), name).toBe(true);
    const size = (await stat(asarPath)).size;
    // The figure for docs; the bound only catches a dependency tree creeping back in.
    // 12 MiB since TLS and discovery: selfsigned (@peculiar/x509, pkijs) and bonjour-service
    // add about 7 MB; the certificate library is the bulk of it.
    expect(size).toBeLessThan(12 * 1024 * 1024);
  });

  // Modules that run only in worker threads (started with the server, not at main's start).
  const WORKER_ONLY = [
    'dist/node/electron/server/search/searchWorker.js',
    'dist/node/electron/server/search/logReader.js',
    'dist/node/electron/server/search/messageIndex.js',
  ];

  it('everything main imports is inside, and every file of ours in it is used', async () => {
    const app = join(work, 'app');
    extractAll(asarPath, app);
    // The real `electron` module exists only inside the binary: a stub that declines the
    // single-instance lock, so main loads every import and then quits at once.
    const stub = join(app, 'node_modules', 'electron');
    await mkdir(stub, { recursive: true });
    await writeFile(join(stub, 'package.json'), '{"name":"electron","main":"index.js"}');
    await writeFile(
      join(stub, 'index.js'),
      [
        'const noop = () => undefined;',
        'const app = new Proxy({ requestSingleInstanceLock: () => false, quit: () => { globalThis.__quit = true; }, whenReady: () => new Promise(noop), on: noop }, { get: (t, k) => (k in t ? t[k] : noop) });',
        'exports.app = app;',
        'const stub = () => new Proxy(function () {}, { get: () => noop });',
        // Named one by one: Node finds a CommonJS module's named exports by reading the source.
        ...ELECTRON_EXPORTS.map((k) => `exports.${k} = stub();`),
        '',
      ].join('\n'),
    );
    const loads = join(work, 'loads.txt');
    await writeFile(loads, '');
    const mainUrl = pathToFileURL(join(app, 'dist', 'node', 'electron', 'main.js')).href;
    const { code, out } = await run(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(ROOT, 'tests', 'helpers', 'recordLoads.mjs')).href,
        '-e',
        `import(${JSON.stringify(mainUrl)}).then(() => { if (!globalThis.__quit) process.exit(3); }, (e) => { console.error(e); process.exit(2); })`,
      ],
      { cwd: app, env: { ...process.env, PARLEY_LOAD_LOG: loads, PARLEY_LOG: 'silent' } },
    );
    expect(out).toBe('');
    expect(code).toBe(0);
    const loaded = new Set(
      (await readFile(loads, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((u) => decodeURIComponent(new URL(u).pathname).slice(app.length + 1)),
    );
    const ourJs = files.filter((f) => f.startsWith('dist/node/') && f.endsWith('.js'));
    const unused: string[] = [];
    for (const f of ourJs) {
      if (loaded.has(f) || WORKER_ONLY.includes(f)) continue;
      // A module of types only compiles to `export {};`: nothing to load, nothing to ship.
      const code = (await readFile(join(app, f), 'utf8')).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (code.trim() !== 'export {};') unused.push(f);
    }
    // A file only the headless host (or nothing) uses: list it as `!dist/node/…` in build.files.
    expect(unused, 'shipped in app.asar but never loaded by main').toEqual([]);
  });

  it('has the fuses flipped in the packed binary', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'parley'));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: FuseState.DISABLE,
      nodeOptions: FuseState.DISABLE,
      inspect: FuseState.DISABLE,
      cookieEncryption: FuseState.ENABLE,
      asarIntegrity: FuseState.ENABLE,
      onlyAsar: FuseState.ENABLE,
      fileProtocolPrivileges: FuseState.DISABLE,
    });
  });

  it('registers parley:// links, a generic update feed and the macOS privacy settings', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      build: Record<string, unknown> & {
        protocols: Array<{ schemes: string[] }>;
        mac: Record<string, unknown> & { extendInfo: Record<string, string> };
      };
    };
    expect(pkg.build.protocols.flatMap((p) => p.schemes)).toEqual([APP_SCHEME]);
    expect(await readFile(join(unpacked, 'resources', 'app-update.yml'), 'utf8')).toMatch(
      /^provider: generic$/m,
    );
    const mac = pkg.build.mac;
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.extendInfo.NSCameraUsageDescription).toMatch(/camera/);
    expect(mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    const entitlements = await readFile(join(ROOT, String(mac.entitlements)), 'utf8');
    for (const key of ['cs.allow-jit', 'device.camera', 'device.audio-input'])
      expect(entitlements).toContain(`com.apple.security.${key}`);
    expect(entitlements).not.toContain('allow-unsigned-executable-memory');
  });
});

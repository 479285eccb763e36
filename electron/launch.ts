/**
 * `npm start`: finds the Electron binary and runs the app in it. Plain Node, no electron import.
 * The electron package's index.js downloads a missing binary synchronously, which can hang on a
 * machine without network; so it runs in a child process under a time limit, and when there is
 * no binary the user learns why and how to use Parley in a browser instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { APP_ROOT } from './server/version.js';

const MARKER = '@@parley-electron-path@@';
/** Default limit for resolving (and on first run downloading) the binary. */
export const RESOLVE_TIMEOUT_MS = 5 * 60_000;

/** The outcome of looking for the binary. */
export type ResolveResult = { ok: true; path: string } | { ok: false; reason: string };

/** The most telling line of a failed child's stderr (the thrown error's message). */
export function errorSummary(stderr: string): string {
  const thrown = /^(?:\w*Error|Error)(?: \[\w+\])?: (.+)$/m.exec(stderr);
  const line = thrown?.[1] ?? stderr.trim().split('\n').pop() ?? '';
  return line.trim().slice(0, 400) || 'unknown error';
}

/** Asks the electron package for its binary path (downloading it if needed), within a time limit. */
export function resolveElectronBinary(opts: {
  root?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<ResolveResult> {
  const timeoutMs = opts.timeoutMs ?? RESOLVE_TIMEOUT_MS;
  const script = `process.stdout.write(${JSON.stringify(MARKER)} + require('electron'))`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], {
      cwd: opts.root ?? APP_ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut)
        return resolve({
          ok: false,
          reason: `finding or downloading Electron did not finish within ${Math.round(timeoutMs / 1000)} s`,
        });
      const at = out.lastIndexOf(MARKER);
      if (code !== 0 || at === -1) return resolve({ ok: false, reason: errorSummary(err) });
      const path = out.slice(at + MARKER.length).trim();
      if (!existsSync(path))
        return resolve({ ok: false, reason: `the Electron binary is not at ${path}` });
      resolve({ ok: true, path });
    });
  });
}

/** What to tell someone whose machine cannot run the desktop app. */
export function missingElectronMessage(reason: string): string {
  return [
    `Parley cannot open the desktop app: ${reason}.`,
    '',
    'The desktop app runs in Electron, whose binary is downloaded on the first `npm start`;',
    'on this machine it is missing and could not be fetched (no network, or a blocked download).',
    '',
    'You can still use Parley from a browser:',
    '  npm run host',
    'then open the address it prints, http://<this machine’s address>:4747/, in a browser',
    '(on this machine: http://127.0.0.1:4747/). Everyone on your network can join the same way.',
  ].join('\n');
}

/** What launch() needs; injectable for tests. */
export interface LaunchDeps {
  resolve(): Promise<ResolveResult>;
  run(binary: string, args: string[]): ChildProcess;
  write(text: string): void;
}

/** Resolves the binary and runs the app; resolves with the exit code to end with. */
export async function launch(deps: LaunchDeps, args: string[] = []): Promise<number> {
  deps.write('Starting Parley (on the first run this downloads Electron)…\n');
  const found = await deps.resolve();
  if (!found.ok) {
    deps.write(`${missingElectronMessage(found.reason)}\n`);
    return 1;
  }
  const child = deps.run(found.path, [APP_ROOT, ...args]);
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    child.on('error', (err) => {
      deps.write(`${missingElectronMessage(`Electron could not be started (${err.message})`)}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function runElectron(binary: string, args: string[]): ChildProcess {
  const env = { ...process.env };
  // Set by some tools; it would make the binary act as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  return spawn(binary, args, { stdio: 'inherit', env });
}

/** Whether this module is the script node was started with (symlinks resolved on both sides). */
function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  const timeoutMs = Number(process.env.PARLEY_ELECTRON_TIMEOUT_MS) || RESOLVE_TIMEOUT_MS;
  void launch(
    {
      resolve: () => resolveElectronBinary({ timeoutMs }),
      run: runElectron,
      write: (text) => void process.stderr.write(text),
    },
    process.argv.slice(2),
  ).then((code) => process.exit(code));
}

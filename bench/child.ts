import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from './serverProcess.js';

/** Stats a server process reports about itself. */
export interface ServerStats {
  eldP50ms: number;
  eldP99ms: number;
  eldMaxMs: number;
  rssBytes: number;
  heapBytes: number;
  externalBytes: number;
}

/** A running server-under-test process. */
export interface ServerChild {
  port: number;
  url: string;
  /** Milliseconds from spawn to listening (cold start). */
  startMs: number;
  stats(): Promise<ServerStats>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Forks bench/serverProcess with a config and waits until it listens. */
export async function spawnServer(config: ServerConfig): Promise<ServerChild> {
  const started = performance.now();
  const proc: ChildProcess = fork(
    fileURLToPath(new URL('./serverProcess.js', import.meta.url)),
    [JSON.stringify(config)],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      execArgv: ['--expose-gc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"ready":(\d+)\}/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  const startMs = performance.now() - started;
  const ask = <T>(cmd: string) =>
    new Promise<T>((resolve) => {
      proc.once('message', (m) => resolve(m as T));
      proc.send({ cmd });
    });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    startMs,
    stats: () => ask<ServerStats>('stats'),
    reset: async () => void (await ask('reset')),
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from './serverProcess.js';

/** Stats a server process reports about itself. */
export interface ServerStats {
  eldP50ms: number;
  eldP99ms: number;
  eldMaxMs: number;
  rssBytes: number;
  heapBytes: number;
  /** Heap V8 has reserved (used or not): what the heap adds to RSS. */
  heapTotalBytes: number;
  externalBytes: number;
}

/** Resident memory of a process as the kernel counts it: now, and the peak since the last reset. */
export interface ProcMemory {
  rssBytes: number;
  peakRssBytes: number;
}

/** A running server-under-test process. */
export interface ServerChild {
  pid: number;
  port: number;
  url: string;
  /** Milliseconds from spawn to listening (cold start). */
  startMs: number;
  stats(): Promise<ServerStats>;
  reset(): Promise<void>;
  /** Reads /proc/<pid>/status from outside, so sampling costs the server nothing. */
  memory(): ProcMemory;
  /** Restarts the kernel's peak-RSS (VmHWM) count from the current RSS. */
  resetPeak(): void;
  /** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssBytes: kb('VmRSS') * 1024, peakRssBytes: kb('VmHWM') * 1024 };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux Node runs on). */
const USER_HZ = 100;

/** CPU seconds (user + system) of a process, read from outside so it costs the process nothing. */
export function procCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state (field 3).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ; // utime, stime (fields 14, 15)
}

/** Forks bench/serverProcess with a config and waits until it listens. */
export async function spawnServer(config: ServerConfig): Promise<ServerChild> {
  const started = performance.now();
  const proc: ChildProcess = fork(
    fileURLToPath(new URL('./serverProcess.js', import.meta.url)),
    [JSON.stringify(config)],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      // PARLEY_BENCH_PROFILE=dir writes a V8 CPU profile of every server process into dir.
      execArgv: [
        '--expose-gc',
        ...(process.env.PARLEY_BENCH_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PARLEY_BENCH_PROFILE}`]
          : []),
      ],
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
  const pid = proc.pid!;
  return {
    pid,
    port,
    url: `http://127.0.0.1:${port}`,
    startMs,
    stats: () => ask<ServerStats>('stats'),
    reset: async () => void (await ask('reset')),
    memory: () => procMemory(pid),
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    cpuSeconds: () => procCpuSeconds(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

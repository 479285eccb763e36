/**
 * A server under test, in its own process so its CPU and event loop are measured alone.
 * argv[2] is JSON config; prints {"ready":port} when listening; answers IPC 'stats' / 'reset'.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from '../electron/server/server.js';
import { createLogger } from '../shared/log.js';
import {
  startBatchedWsBaseline,
  startPipeBaseline,
  startSocketIoBaseline,
  startWsBaseline,
  type PipeSync,
} from './baselines.js';

/** Which server a process runs: Parley, or one of the baselines. */
export type ServerKind = 'parley' | 'ws' | 'wsbatched' | 'socketio' | 'pipe';

/** What the parent asks this process to run. */
export interface ServerConfig {
  kind: ServerKind;
  /** Parley's data directory, or the folder the pipe baseline writes to. */
  dataDir?: string;
  batchFrames?: boolean;
  durable?: boolean;
  /** Parley only: messages per segment file of a new data directory (default: the server's). */
  segmentSize?: number;
  /** Parley only: 'lifted' (default) lifts the rate limit and slow-consumer bound; 'shipped' keeps the defaults. */
  limits?: 'lifted' | 'shipped';
  /** Parley only: the built web client to serve (null: none). */
  staticDir?: string | null;
  /** Pipe baseline only: how an upload is made durable before the answer. */
  sync?: PipeSync;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
const eld = monitorEventLoopDelay({ resolution: 1 });

/** Parley's own shutdown (waits for writes); the baselines hold nothing worth waiting for. */
let stopServer: () => Promise<void> = async () => undefined;

async function start(): Promise<number> {
  switch (config.kind) {
    case 'parley': {
      const server = await startServer({
        dataDir: config.dataDir!,
        port: 0,
        host: '127.0.0.1',
        staticDir: config.staticDir ?? null,
        batchFrames: config.batchFrames ?? true,
        durable: config.durable ?? true,
        ...(config.segmentSize ? { segmentSize: config.segmentSize } : {}),
        ...(config.limits === 'shipped'
          ? {}
          : { rateLimit: { perSecond: 1e9, burst: 1e9 }, maxBufferedBytes: 512 * 1024 * 1024 }),
        logger: createLogger('bench', 'error'),
        // Never advertised: multicast stays off the benchmark machine's network. Plain http, as
        // the baselines (ws, Socket.IO, the pipe) speak plain too.
        discovery: false,
        tls: 'off',
      });
      stopServer = () => server.stop();
      return server.port;
    }
    case 'ws':
      return startWsBaseline();
    case 'wsbatched':
      return startBatchedWsBaseline();
    case 'socketio':
      return startSocketIoBaseline();
    case 'pipe':
      return startPipeBaseline(config.dataDir!, config.sync ?? 'none');
  }
}

async function main(): Promise<void> {
  const port = await start();
  process.once('SIGTERM', () => {
    setTimeout(() => process.exit(0), 5000).unref();
    stopServer().finally(() => process.exit(0));
  });
  eld.enable();
  process.on('message', (msg: { cmd: string }) => {
    if (msg.cmd === 'reset') {
      eld.reset();
      process.send!({ ok: true });
    } else if (msg.cmd === 'stats') {
      // Collect first, so RSS reflects live memory rather than garbage from registration.
      (globalThis as { gc?: () => void }).gc?.();
      const mem = process.memoryUsage();
      process.send!({
        eldP50ms: eld.percentile(50) / 1e6,
        eldP99ms: eld.percentile(99) / 1e6,
        eldMaxMs: eld.max / 1e6,
        rssBytes: mem.rss,
        heapBytes: mem.heapUsed,
        heapTotalBytes: mem.heapTotal,
        externalBytes: mem.external,
      });
    }
  });
  process.stdout.write(`${JSON.stringify({ ready: port })}\n`);
}

void main();

/**
 * A server under test, in its own process so its CPU and event loop are measured alone.
 * argv[2] is JSON config; prints {"ready":port} when listening; answers IPC 'stats' / 'reset'.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { startServer } from '../electron/server/server.js';
import { createLogger } from '../shared/log.js';

/** What the parent asks this process to run. */
export interface ServerConfig {
  kind: 'parley' | 'ws';
  dataDir?: string;
  batchFrames?: boolean;
  durable?: boolean;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
const eld = monitorEventLoopDelay({ resolution: 1 });

async function main(): Promise<void> {
  let port: number;
  if (config.kind === 'parley') {
    const server = await startServer({
      dataDir: config.dataDir!,
      port: 0,
      host: '127.0.0.1',
      staticDir: null,
      batchFrames: config.batchFrames ?? true,
      durable: config.durable ?? true,
      rateLimit: { perSecond: 1e9, burst: 1e9 },
      maxBufferedBytes: 512 * 1024 * 1024,
      logger: createLogger('bench', 'error'),
    });
    port = server.port;
  } else {
    // The baseline: a bare ws broadcast, one send per client per message.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    wss.on('connection', (ws) => {
      ws.on('error', () => undefined);
      ws.on('message', (data, isBinary) => {
        for (const c of wss.clients) c.send(data, { binary: isBinary });
      });
    });
    await new Promise((r) => wss.once('listening', r));
    port = (wss.address() as { port: number }).port;
  }
  eld.enable();
  process.on('message', (msg: { cmd: string }) => {
    if (msg.cmd === 'reset') {
      eld.reset();
      process.send!({ ok: true });
    } else if (msg.cmd === 'stats') {
      // Collect first, so RSS reflects live memory rather than garbage from registration.
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({
        eldP50ms: eld.percentile(50) / 1e6,
        eldP99ms: eld.percentile(99) / 1e6,
        eldMaxMs: eld.max / 1e6,
        rssBytes: process.memoryUsage().rss,
        heapBytes: process.memoryUsage().heapUsed,
        externalBytes: process.memoryUsage().external,
      });
    }
  });
  process.stdout.write(`${JSON.stringify({ ready: port })}\n`);
}

void main();

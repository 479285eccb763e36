import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ParleyServer } from '../../electron/server/server.js';
import type { ServerOptions } from '../../electron/server/options.js';

/** A real server on port 0 in a fresh temp data directory; `restart` keeps the directory. */
export interface TestServer {
  server: ParleyServer;
  dataDir: string;
  restart(extra?: Partial<ServerOptions>): Promise<ParleyServer>;
  close(): Promise<void>;
}

/**
 * Starts a server for one test file. Loopback only, no web client, never advertised on the
 * network; plain http unless the test asks for TLS (`tls: 'auto'`), since most tests are about
 * chat, not transport (tests/integration/server/tls.test.ts covers TLS).
 */
export async function startTestServer(extra: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-test-'));
  const base: ServerOptions = {
    dataDir,
    port: 0,
    host: '127.0.0.1',
    staticDir: null,
    durable: false,
    tls: 'off',
    discovery: false,
    ...extra,
  };
  const t: TestServer = {
    server: await startServer(base),
    dataDir,
    async restart(more = {}) {
      await t.server.stop();
      t.server = await startServer({ ...base, ...more });
      return t.server;
    },
    async close() {
      await t.server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

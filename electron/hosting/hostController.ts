/**
 * "Host a room": runs the embedded Chat Server Engine in main, bound on every interface so the
 * LAN can join, with its data in userData/server. The engine drives it through HostController.
 */
import { ChatApiError } from '../../shared/api/index.js';
import type { HostController } from '../../shared/client/deps.js';
import type { Logger } from '../../shared/log.js';
import { lanUrls } from '../server/lanAddresses.js';
import type { ServerOptions } from '../server/options.js';
import { startServer, type ParleyServer } from '../server/server.js';

/** What hosting needs besides the engine's name/port/password. */
export interface HostControllerOptions {
  /** Data directory of the hosted server (userData/server). */
  dataDir: string;
  log: Logger;
  /** Extra server options (tests: loopback host, no web client, no fsync). */
  serverOptions?: Partial<ServerOptions>;
}

/** Turns listen errors into what a person can act on. */
function explain(err: unknown, port: number): Error {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE')
    return new ChatApiError(
      'port_in_use',
      `Port ${port} is already in use by another program (or another Parley). Pick another port.`,
    );
  if (e.code === 'EACCES')
    return new ChatApiError(
      'port_forbidden',
      `This system does not allow listening on port ${port}. Use a port above 1024.`,
    );
  return err instanceof Error ? err : new Error(String(err));
}

/** A HostController on top of startServer; also stops the server on app quit via stop(). */
export function createHostController(opts: HostControllerOptions): HostController & {
  readonly server: ParleyServer | undefined;
} {
  let server: ParleyServer | undefined;
  let busy: Promise<unknown> = Promise.resolve();
  // start and stop run one after another: a quick stop/start must not race on the data folder.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = busy.then(fn, fn);
    busy = run.catch(() => undefined);
    return run;
  };
  const stopNow = async (): Promise<void> => {
    const s = server;
    server = undefined;
    if (s) {
      await s.stop();
      opts.log.info('stopped hosting');
    }
  };

  return {
    get server() {
      return server;
    },
    start: ({ name, port, password }) =>
      serial(async () => {
        // Starting again (a new name or password) replaces the running server.
        await stopNow();
        try {
          server = await startServer({
            dataDir: opts.dataDir,
            port,
            name,
            ...(password ? { password } : {}),
            // Whoever hosts owns it: the first name registered from this machine.
            ownerFromLoopback: true,
            logger: opts.log.child('server'),
            ...opts.serverOptions,
          });
        } catch (err) {
          throw explain(err, port);
        }
        opts.log.info(`hosting "${server.info.name}" on port ${server.port}`);
        return {
          url: server.url,
          port: server.port,
          lanUrls: lanUrls(server.port, opts.serverOptions?.host, server.tls ? 'https' : 'http'),
          ...(server.tls ? { fingerprint: server.tls.fingerprint } : {}),
        };
      }),
    stop: () => serial(stopNow),
  };
}

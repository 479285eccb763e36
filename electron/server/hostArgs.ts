import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerOptions } from './options.js';

/** Usage text of `npm run host`. */
export const HOST_USAGE = `Usage: npm run host -- [--port 4747] [--data DIR] [--name "Team room"] [--host 0.0.0.0]
                       [--password SECRET] [--owner NAME] [--max-upload-mb 2048] [--allow-host NAME]
                       [--updates DIR] [--cert FILE --key FILE] [--tls off] [--trust-proxy] [--no-discovery]
       npm run host -- --repair [--data DIR]
  --port           TCP port (default 4747; 0 picks a free one)
  --data           data directory (default: Parley's folder in your user data directory)
  --name           room/server name shown to people who join
  --host           interface to listen on (default: all interfaces)
  --password       people must give this password (or an invite) to join
  --owner          the name that owns the server (default: the first name to join)
  --max-upload-mb  largest file people may share, in MiB (default 2048)
  --allow-host     a DNS name people use to reach this server (repeatable); addresses,
                   localhost and this machine's own name always work
  --updates        folder of desktop app updates (npm run dist output) to offer Parley apps
                   that join this server, at /api/updates/
  --repair         rebuild what can be rebuilt in a damaged data directory (a core file with
                   no good backup), report what could not, and exit; start normally after
  --cert, --key    serve this certificate and key (PEM) instead of the one Parley generates
                   in the data directory on its first start
  --tls off        plain http, for running behind a reverse proxy that terminates TLS
  --trust-proxy    take the client address from X-Forwarded-For, believed only when the
                   request comes from this machine (the proxy); for rate limits
  --no-discovery   do not advertise the server on the local network (mDNS/DNS-SD)`;

/** What `npm run host` was asked to do. */
export type HostOptions = ServerOptions & { repair?: boolean };

/** Where the desktop app and the host keep data by default (Electron's userData layout). */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = homedir();
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, 'Parley', 'server');
}

/** Parses host arguments; throws an Error with a readable message on bad input. */
export function parseHostArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): HostOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      name: { type: 'string' },
      host: { type: 'string' },
      password: { type: 'string' },
      owner: { type: 'string' },
      'max-upload-mb': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      updates: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      tls: { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'no-discovery': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      repair: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const port = values.port === undefined ? 4747 : Number(values.port);
  if (values.port?.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const mb = values['max-upload-mb'] === undefined ? undefined : Number(values['max-upload-mb']);
  if (mb !== undefined && !(Number.isFinite(mb) && mb > 0)) {
    throw new Error(`--max-upload-mb must be a positive number, not "${values['max-upload-mb']}"`);
  }
  if (values.updates !== undefined && values.updates.trim() === '')
    throw new Error('--updates must name a folder');
  if (values.owner !== undefined && values.owner.trim() === '')
    throw new Error('--owner needs a name');
  if (values.name !== undefined && values.name.trim().length > 80)
    throw new Error('--name must be at most 80 characters');
  if (values.tls !== undefined && values.tls !== 'off' && values.tls !== 'on')
    throw new Error(`--tls takes "off" (or "on", the default), not "${values.tls}"`);
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new Error('--cert and --key go together: give both files');
  if (values.tls === 'off' && values.cert !== undefined)
    throw new Error('--tls off serves plain http: it cannot use --cert/--key');
  // Without either, the server's default: TLS with the data directory's certificate.
  const tls: ServerOptions['tls'] | undefined =
    values.tls === 'off'
      ? 'off'
      : values.cert !== undefined && values.key !== undefined
        ? { certFile: values.cert, keyFile: values.key }
        : undefined;
  return {
    port,
    ...(tls ? { tls } : {}),
    ...(values['trust-proxy'] ? { trustProxy: true } : {}),
    ...(values['no-discovery'] ? { discovery: false } : {}),
    dataDir: values.data ?? env.PARLEY_DATA ?? defaultDataDir(env),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.password !== undefined ? { password: values.password } : {}),
    ...(values.owner !== undefined ? { owner: values.owner.trim() } : {}),
    ...(mb !== undefined ? { maxUploadBytes: Math.floor(mb * 1024 * 1024) } : {}),
    ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
    ...(values.updates !== undefined ? { updatesDir: resolve(values.updates) } : {}),
    ...(values.repair ? { repair: true } : {}),
  };
}

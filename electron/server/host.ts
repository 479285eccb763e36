#!/usr/bin/env node
/**
 * `npm run host`: the same server the desktop app embeds, headless. Prints where people can
 * join and stops cleanly on Ctrl+C / SIGTERM (sockets get "going away", storage is flushed).
 */
import { statSync } from 'node:fs';
import { fingerprintWords, ParleyError } from '../../shared/protocol/index.js';
import { HOST_USAGE, parseHostArgs } from './hostArgs.js';
import { lanUrls } from './lanAddresses.js';
import { startServer } from './server.js';
import { createLogger } from '../../shared/log.js';
import { repairDataDir } from './store/repair.js';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const fail = (line: string): never => {
  process.stderr.write(`parley host: ${line}\n`);
  process.exit(1);
};

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseHostArgs(process.argv.slice(2));
  } catch (err) {
    return fail(`${(err as Error).message}\n${HOST_USAGE}`);
  }
  if (opts === 'help') return out(HOST_USAGE);
  if (opts.updatesDir && !statSync(opts.updatesDir, { throwIfNoEntry: false })?.isDirectory())
    return fail(`--updates: ${opts.updatesDir} is not a folder.`);
  if (opts.repair) {
    try {
      const report = await repairDataDir(opts.dataDir, createLogger('repair', 'warn'));
      if (report.rebuilt.length === 0 && report.lost.length === 0)
        out(`Nothing to repair in ${opts.dataDir}: every core file or its backup is usable.`);
      for (const line of report.rebuilt) out(`Rebuilt ${line}`);
      for (const line of report.lost) out(`Could not recover: ${line}`);
      out('Start the host again without --repair.');
      return;
    } catch (err) {
      return fail((err as Error).message);
    }
  }
  let server;
  try {
    server = await startServer(opts);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      return fail(`port ${opts.port} is already in use; pick another with --port.`);
    if (e.code === 'EACCES')
      return fail(`no permission to listen on port ${opts.port}; use a port above 1024.`);
    if (err instanceof ParleyError) return fail(err.message);
    return fail(e.message);
  }
  out(
    `Parley is hosting "${server.info.name}"${server.info.passwordRequired ? ' (password required)' : ''}.`,
  );
  out('People on your network can join at:');
  for (const url of lanUrls(server.port, opts.host, server.tls ? 'https' : 'http')) out(`  ${url}`);
  if (server.tls) {
    out(`Certificate fingerprint (SHA-256): ${server.tls.fingerprint}`);
    out(`The same as words: ${fingerprintWords(server.tls.fingerprint).join(' ')}`);
    out('People joining compare these words with what their app or browser shows.');
  } else out('TLS is off: traffic is not encrypted unless a proxy in front of Parley does it.');
  out(`Data: ${opts.dataDir}`);
  if (opts.updatesDir) out(`App updates: ${opts.updatesDir} (at /api/updates/)`);
  out('Press Ctrl+C to stop.');
  const s = server;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`\n${signal}: stopping, saving everything…`);
    s.stop().then(
      () => {
        out('Stopped.');
        process.exit(0);
      },
      (err: unknown) => fail(`error while stopping: ${(err as Error).message}`),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();

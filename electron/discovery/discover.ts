#!/usr/bin/env node
/**
 * `npm run discover`: prints the Parley servers found on the LAN within 3 seconds (name,
 * address, fingerprint). `--seconds N` listens longer; `--json` prints one JSON line per
 * change ({"event":"up"|"down", "server":…}) as it happens, for scripts and tests.
 */
import { parseArgs } from 'node:util';
import type { DiscoveredServer } from '../../shared/api/index.js';
import { fingerprintWords } from '../../shared/protocol/index.js';
import { browseServers } from './browse.js';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

function main(): void {
  const { values } = parseArgs({
    options: { seconds: { type: 'string' }, json: { type: 'boolean' } },
  });
  const seconds = values.seconds === undefined ? 3 : Number(values.seconds);
  if (!(seconds > 0 && seconds <= 3600)) {
    process.stderr.write('parley discover: --seconds must be a number from 1 to 3600\n');
    process.exit(1);
  }
  let last = new Map<string, DiscoveredServer>();
  const browsing = browseServers((list) => {
    const now = new Map(list.map((s) => [s.id, s]));
    if (values.json) {
      for (const [id, s] of now) if (!last.has(id)) out(JSON.stringify({ event: 'up', server: s }));
      for (const [id, s] of last)
        if (!now.has(id)) out(JSON.stringify({ event: 'down', server: s }));
    }
    last = now;
  });
  const finish = (): void => {
    browsing.stop();
    if (!values.json) {
      if (last.size === 0) out('No Parley servers found on this network.');
      for (const s of last.values()) {
        out(`${s.name}  ${s.url}  (${s.access === 'open' ? 'open' : `${s.access} needed`})`);
        if (s.fingerprint) {
          out(`  fingerprint ${s.fingerprint}`);
          out(`  words       ${fingerprintWords(s.fingerprint).join(' ')}`);
        } else out('  no TLS');
      }
    }
    process.exit(0);
  };
  setTimeout(finish, seconds * 1000);
  process.on('SIGTERM', finish);
  process.on('SIGINT', finish);
}

main();

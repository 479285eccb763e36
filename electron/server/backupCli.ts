#!/usr/bin/env node
/**
 * `npm run backup -- --data DIR --out BACKUP`: a consistent copy of a data directory, taken
 * while the host keeps running. Restore by stopping the host and copying BACKUP back (README).
 */
import { parseArgs } from 'node:util';
import { defaultDataDir } from './hostArgs.js';
import { backupDataDir } from './store/backup.js';

const USAGE = 'Usage: npm run backup -- [--data DIR] --out NEW_EMPTY_FOLDER';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { data: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`parley backup: ${(err as Error).message}\n${USAGE}\n`);
    process.exit(1);
  }
  if (!values.out) {
    process.stderr.write(`parley backup: --out is required\n${USAGE}\n`);
    process.exit(1);
  }
  const data = values.data ?? process.env.PARLEY_DATA ?? defaultDataDir();
  try {
    const s = await backupDataDir(data, values.out);
    process.stdout.write(
      `Backed up ${data} to ${s.out}: ${s.rooms} room(s), ${s.segments} message segment(s), ` +
        `${s.files} file(s).${s.skipped.length ? ` Not copied (unreadable or deleted meanwhile): ${s.skipped.join(', ')}` : ''}\n`,
    );
  } catch (err) {
    process.stderr.write(`parley backup: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

void main();

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killLoop } from '../../../bench/killLoop.js';

const HOST = resolve('dist/node/electron/server/host.js');
let dataDir: string;
beforeAll(async () => {
  if (!existsSync(HOST))
    throw new Error(`${HOST} is missing: run "npm run build:node" first (npm test does).`);
  dataDir = await mkdtemp(join(tmpdir(), 'parley-kill-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('kill -9 during writes', () => {
  it('10 cycles: every acknowledged message stored under its number, none twice, no gap', async () => {
    const s = await killLoop({ hostJs: HOST, dataDir, cycles: 10, seed: 20261130 });
    expect(s.acked).toBeGreaterThan(10 * 5);
    expect(s.lost).toEqual([]);
    expect(s.duplicates).toEqual([]);
    expect(s.gaps).toEqual([]);
    expect(s.stored).toBeGreaterThanOrEqual(s.acked);
  }, 180_000);
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests bind real ports and write real files; two workers fit a 2-core machine.
    maxWorkers: 2,
    env: { PARLEY_LOG: 'silent' },
    // Worker threads (the search index) load TypeScript sources through these hooks.
    execArgv: [
      '--import',
      fileURLToPath(new URL('./tests/helpers/tsWorker/register.mjs', import.meta.url)),
    ],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});

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
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});

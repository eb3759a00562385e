import { defineConfig } from 'vitest/config';

// `pnpm bench` memory measurement: a forked worker with --expose-gc so heap deltas are real.
export default defineConfig({
  test: {
    include: ['packages/core/src/bench/*.memory.ts'],
    pool: 'forks',
    setupFiles: ['packages/core/src/models/index.ts'],
    execArgv: ['--expose-gc'],
    testTimeout: 600_000,
  },
});

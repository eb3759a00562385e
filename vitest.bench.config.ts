import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [],
    setupFiles: ['packages/core/src/models/index.ts'],
    benchmark: { include: ['packages/*/src/**/*.bench.ts'] },
  },
});

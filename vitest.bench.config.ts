import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [],
    benchmark: { include: ['packages/*/src/**/*.bench.ts'] },
  },
});

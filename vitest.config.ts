import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests beside the code; Playwright specs in e2e/ are run by Playwright.
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'app/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The in-tree LSM models register themselves when imported (core's `./models` entry).
    setupFiles: ['packages/core/src/models/index.ts'],
    // Tests that boot kernels and run the engine in process take a second or two on a quiet machine;
    // the limit is a hang detector, not a speed target (speed is measured by `pnpm bench`).
    testTimeout: 30_000,
  },
});

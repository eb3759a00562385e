import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests beside the code; Playwright specs in e2e/ are run by Playwright.
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'app/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});

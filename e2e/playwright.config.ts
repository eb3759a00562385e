import { defineConfig } from '@playwright/test';

// Debian's chromium; `playwright install` is never needed (its download host is unreachable here).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT lets two checkouts run their e2e suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  // Visual baselines of a few stable views (visual.spec.ts), rendered by Debian's Chromium with the
  // machine's fonts; `pnpm --filter e2e exec playwright test visual --update-snapshots` rewrites them.
  snapshotPathTemplate: '{testDir}/../baselines/{arg}{ext}',
  expect: { toHaveScreenshot: { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide' } },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // The production build registers a service worker that precaches the whole app (~13 MB) in
    // the background; only the offline test (demo.spec.ts) lets it run.
    serviceWorkers: 'block',
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // Serves the already-built app: run `pnpm build` first.
    command: `pnpm --dir ../app exec vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

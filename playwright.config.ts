import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the real renderer in Debian's Chromium, over the real WebSocket bridge of
 * the headless host, against the real core and real Modbus to the simulator (e2e/fixtures.ts).
 * No browser is downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1): `apt-get install chromium`.
 */

/** Debian's Chromium; CHROMIUM_PATH points elsewhere on another distribution. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Each test runs a simulator, an EMS and a browser: one at a time keeps 2 cores honest.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: process.env['CI'] !== undefined,
  // Upper bounds, generous for a loaded 2-core CI machine; assertions wait for events, not time.
  timeout: 150_000,
  expect: { timeout: 20_000 },
  outputDir: 'test-results/artifacts',
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  use: {
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});

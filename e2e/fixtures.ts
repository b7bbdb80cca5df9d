import { test as base, expect } from '@playwright/test';
import { BridgeFrames } from './support/bridge-frames';
import { ConsoleWatch } from './support/console-watch';
import { startEmsSite, type EmsSite, type SiteOptions } from './support/ems-site';
import { EmsUi } from './support/ems-ui';

/**
 * The end-to-end fixture: every test gets its own simulator, headless host (`--ui`) and temp
 * data folder, and a page on the real UI that has received its first snapshot. After the
 * test the page must not have logged an error or warning; then everything is stopped.
 */

interface Fixtures {
  /** The running site (processes, ports, the simulator's register truth). */
  site: EmsSite;
  /** The page, loaded and ready, with helpers that go through the UI only. */
  ui: EmsUi;
  /** What the page logged as an error or warning so far. */
  consoleWatch: ConsoleWatch;
  /** The requests the page sent over the WebSocket bridge. */
  bridgeFrames: BridgeFrames;
}

interface Options {
  /** How the site is run; per file with `test.use({ siteOptions: ... })`. */
  siteOptions: SiteOptions;
}

/** Playwright's test with the end-to-end fixtures (site, ui, consoleWatch, bridgeFrames). */
export const test = base.extend<Fixtures & Options>({
  siteOptions: [{ simArgs: [], layout: 'one-process' }, { option: true }],

  site: async ({ siteOptions }, use, testInfo) => {
    const site = await startEmsSite(siteOptions);
    try {
      await use(site);
    } finally {
      await site.stop();
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('processes.txt', {
          body: site.transcripts(),
          contentType: 'text/plain',
        });
    }
  },

  consoleWatch: async ({ page }, use) => {
    await use(new ConsoleWatch(page));
  },

  bridgeFrames: async ({ page }, use) => {
    await use(new BridgeFrames(page));
  },

  // Both watchers are attached before the page loads, so they see its first frame and log line.
  ui: async ({ page, site, consoleWatch, bridgeFrames: _frames }, use) => {
    const ui = new EmsUi(page);
    // Pair this browser with the code the host printed, as an operator would: the page's
    // request context shares the browser's cookies, so the session cookie is set for the page.
    const paired = await page.request.post(`${site.url}api/pair`, {
      data: { code: site.pairingCode },
    });
    expect(paired.status(), 'pairing with the printed code').toBe(200);
    await ui.open(site.url);
    await use(ui);
    // Checked before the site stops: a closing WebSocket at teardown is not normal operation.
    expect(consoleWatch.problems, 'the page logged errors or warnings').toEqual([]);
  },
});

export { expect };

import type { Page } from '@playwright/test';

/**
 * Collects what the page reports as going wrong: console errors and warnings, uncaught
 * exceptions and failed requests. The UI must log nothing of the kind in normal operation
 * (a fault of the site is normal operation for the UI: it is shown, not logged).
 */
export class ConsoleWatch {
  readonly problems: string[] = [];

  constructor(page: Page) {
    page.on('console', (msg) => {
      const type = msg.type();
      if (type === 'error' || type === 'warning') {
        const at = msg.location();
        this.problems.push(`console.${type}: ${msg.text()} (${at.url}:${at.lineNumber})`);
      }
    });
    page.on('pageerror', (err) => this.problems.push(`uncaught: ${err.message}`));
    page.on('requestfailed', (req) => {
      // A download the test saves itself shows up as an aborted navigation: not a fault.
      if (req.failure()?.errorText === 'net::ERR_ABORTED' && req.isNavigationRequest()) return;
      this.problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
    });
  }
}

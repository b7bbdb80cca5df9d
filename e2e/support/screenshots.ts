import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { ROOT } from './project-process';

/** Where every screen's screenshot is kept as a build artifact (docs/images copies from here). */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

/**
 * Saves the window (or, with `fullPage`, the whole scrolling page) as
 * test-results/screenshots/<name>.png and attaches it to the test's report, so each run
 * leaves a picture of every screen it visited.
 */
export async function saveScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`screenshot name "${name}": use a-z, 0-9 and -`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', fullPage: options.fullPage ?? false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';

/** A CSV file the page saved. */
export interface SavedCsv {
  readonly fileName: string;
  /** Lines without their CRLF; the first is the header row. */
  readonly lines: readonly string[];
}

/** Clicks `button`, waits for the browser's download and reads the saved file. */
export async function downloadCsv(page: Page, button: Locator): Promise<SavedCsv> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const failure = await download.failure();
  if (failure !== null) throw new Error(`download failed: ${failure}`);
  const text = await readFile(await download.path(), 'utf8');
  return {
    fileName: download.suggestedFilename(),
    lines: text.split(/\r\n/).filter((l) => l !== ''),
  };
}

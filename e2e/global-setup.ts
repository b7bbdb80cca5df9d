import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRendererBuilt, RENDERER_DIR } from '../src/main/hosts/headless/renderer-build';
import { ROOT } from './support/project-process';
import { SCREENSHOT_DIR } from './support/screenshots';

/**
 * Once per run: clears last run's screenshots and makes sure the renderer build the host
 * serves is not older than its sources. The host builds a missing renderer by itself, but a
 * stale one is served as it is, and the tests would then check yesterday's UI.
 */

const BUILT_PAGE = join(RENDERER_DIR, 'index.html');
const SOURCES = [join(ROOT, 'src', 'renderer'), join(ROOT, 'src', 'shared')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs once before the first test (playwright.config.ts `globalSetup`). */
export default async function globalSetup(): Promise<void> {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  const builtAt = existsSync(BUILT_PAGE) ? statSync(BUILT_PAGE).mtimeMs : 0;
  if (builtAt >= Math.max(...SOURCES.map(newestMtime))) return;
  rmSync(RENDERER_DIR, { recursive: true, force: true });
  await ensureRendererBuilt((line) => process.stdout.write(`e2e: ${line}\n`));
}

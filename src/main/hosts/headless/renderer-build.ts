import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is src/main/hosts/headless/renderer-build.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where electron-vite puts the renderer build, and where the UI server serves it from. */
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

const BUILD_SCRIPT = fileURLToPath(new URL('./build-renderer.ts', import.meta.url));

function runBuild(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The child's output goes to our stderr: stdout carries only the status lines.
    const child = spawn(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, REPO_ROOT, outDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 2, 2],
    });
    child.once('error', (err) =>
      reject(new Error(`renderer build could not start: ${err.message}`)),
    );
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`renderer build failed (${signal ?? `exit ${code}`}); see the lines above`),
          ),
    );
  });
}

/**
 * Makes sure `rendererDir/index.html` exists, building the renderer when it does not. The
 * build goes to a private folder and is then renamed into place, so two hosts starting at
 * once never serve a half-written build. Progress goes to `log`.
 */
export async function ensureRendererBuilt(
  log: (line: string) => void,
  rendererDir: string = RENDERER_DIR,
): Promise<void> {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  const outDir = join(dirname(rendererDir), `.renderer-build-${process.pid}-${Date.now()}`);
  log(`UI: no renderer build in ${rendererDir}; building it (a few seconds)...`);
  const started = Date.now();
  try {
    await runBuild(outDir);
    await mkdir(dirname(rendererDir), { recursive: true });
    await rm(rendererDir, { recursive: true, force: true });
    await rename(join(outDir, 'renderer'), rendererDir).catch((err: NodeJS.ErrnoException) => {
      // Another host finished first: its build is as good as ours.
      if (!existsSync(join(rendererDir, 'index.html'))) throw err;
    });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  log(`UI: renderer built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

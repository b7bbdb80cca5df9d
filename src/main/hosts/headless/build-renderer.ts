import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { describeError } from '../../util/describe-error';

/**
 * Builds only the renderer, with the renderer part of electron.vite.config.ts, into
 * `<outDir>/renderer`. Run as a child process by the headless host (vite's build is heavy
 * and sets process-wide state), so: `node --import tsx build-renderer.ts ROOT OUT_DIR`.
 */
async function main(): Promise<void> {
  const [root, outDir] = process.argv.slice(2);
  if (!root || !outDir) throw new Error('usage: build-renderer.ts ROOT OUT_DIR');
  const resolved = await resolveConfig(
    { root, logLevel: 'warn', build: { outDir } },
    'build',
    'production',
  );
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer config');
  await build(renderer);
}

main().catch((err: unknown) => {
  process.stderr.write(`renderer build failed: ${describeError(err)}\n`);
  process.exit(1);
});

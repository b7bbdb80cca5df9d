// postinstall: builds better-sqlite3 a second time, for Electron's ABI, into
// native/electron/better_sqlite3.node, beside the Node build that the headless host and the
// tests use. Inside Electron the session store loads that file (better-sqlite3's
// `nativeBinding` option); when it is missing, recording reports itself unavailable and the
// app still runs. Never fails the install.
//
// Skipped when ELECTRON_SKIP_BINARY_DOWNLOAD is set (CI, machines without Electron).
// EMS_NATIVE_RUNTIME=node EMS_NATIVE_TARGET=<node version> checks the build path offline.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const say = (line) => console.log(`native modules for Electron: ${line}`);

function nodeGyp() {
  if (process.env.npm_config_node_gyp) return process.env.npm_config_node_gyp;
  const npmDir = dirname(
    dirname(
      require.resolve('npm/package.json', {
        paths: [dirname(process.execPath) + '/../lib/node_modules'],
      }),
    ),
  );
  return join(npmDir, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
}

function main() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return say('skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set)');
  const runtime = process.env.EMS_NATIVE_RUNTIME ?? 'electron';
  let target = process.env.EMS_NATIVE_TARGET;
  if (!target) {
    const pkg = join(root, 'node_modules', 'electron', 'package.json');
    if (!existsSync(pkg)) return say('skipped (electron is not installed)');
    target = JSON.parse(readFileSync(pkg, 'utf8')).version;
  }
  const source = join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(source)) return say('skipped (better-sqlite3 is not installed)');
  const work = join(root, '.native-build', 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });
  const args = [nodeGyp(), 'rebuild', '--release', `--target=${target}`, `--runtime=${runtime}`];
  if (runtime === 'electron') args.push('--dist-url=https://electronjs.org/headers');
  else if (process.env.npm_config_nodedir) args.push(`--nodedir=${process.env.npm_config_nodedir}`);
  say(`building better-sqlite3 for ${runtime} ${target} (this takes a minute or two)`);
  const r = spawnSync(process.execPath, args, { cwd: work, stdio: 'inherit' });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status !== 0 || !existsSync(built)) {
    return say('build failed; inside Electron, session recording will report itself unavailable');
  }
  const outDir = join(root, 'native', runtime);
  mkdirSync(outDir, { recursive: true });
  cpSync(built, join(outDir, 'better_sqlite3.node'));
  rmSync(join(root, '.native-build'), { recursive: true, force: true });
  say(`done: native/${runtime}/better_sqlite3.node`);
}

try {
  main();
} catch (err) {
  say(
    `not built (${err instanceof Error ? err.message : String(err)}); recording inside Electron will report itself unavailable`,
  );
}

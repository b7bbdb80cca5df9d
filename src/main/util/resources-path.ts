import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Locates the app's resources folder (the one holding profiles/). The same code runs from the
 * TypeScript sources (tsx, vitest), from the electron-vite bundle in out/main and from a
 * packaged app, each with a different distance to the folder, so it is searched for, not assumed.
 */

/** Environment variable that overrides the search (a folder containing profiles/). */
export const RESOURCES_DIR_ENV = 'EMS_RESOURCES_DIR';

/**
 * The resources folder: $EMS_RESOURCES_DIR when set, else the first `resources` folder with a
 * `profiles` subfolder found walking up from `startDir` (default: this module's folder), else
 * one beside Electron's process.resourcesPath. Throws an Error listing where it looked.
 */
export function findResourcesDir(
  startDir: string = dirname(fileURLToPath(import.meta.url)),
): string {
  const fromEnv = process.env[RESOURCES_DIR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const dir = resolve(fromEnv);
    if (!existsSync(join(dir, 'profiles')))
      throw new Error(`${RESOURCES_DIR_ENV}=${fromEnv}: no profiles folder in ${dir}`);
    return dir;
  }
  const looked: string[] = [];
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources');
    looked.push(candidate);
    if (existsSync(join(candidate, 'profiles'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  // A packaged Electron app keeps extra resources under process.resourcesPath.
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged !== undefined) {
    for (const candidate of [join(packaged, 'resources'), packaged]) {
      looked.push(candidate);
      if (existsSync(join(candidate, 'profiles'))) return candidate;
    }
  }
  throw new Error(`resources folder with profiles/ not found; looked in ${looked.join(', ')}`);
}

/** The built-in profiles folder (resources/profiles). */
export function builtinProfilesDir(): string {
  return join(findResourcesDir(), 'profiles');
}

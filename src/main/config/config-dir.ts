import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** Name of the app's folder inside the platform's configuration folder. */
export const APP_DIR_NAME = 'ems-commissioning';

/** What {@link appConfigDir} looks at; the process's own values by default. */
export interface ConfigDirInputs {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/**
 * The app's configuration folder (where the API token and settings live):
 * EMS_CONFIG_DIR when set (tests, portable installs); else %APPDATA% on Windows,
 * ~/Library/Application Support on macOS, and $XDG_CONFIG_HOME or ~/.config elsewhere,
 * each with `ems-commissioning` appended. A relative XDG_CONFIG_HOME is ignored, as the
 * XDG spec says.
 */
export function appConfigDir(inputs: ConfigDirInputs = {}): string {
  const env = inputs.env ?? process.env;
  const platform = inputs.platform ?? process.platform;
  const home = inputs.home ?? homedir();
  const override = env['EMS_CONFIG_DIR'];
  if (override !== undefined && override !== '') return resolve(override);
  if (platform === 'win32') {
    const appData = env['APPDATA'];
    const base =
      appData !== undefined && appData !== '' ? appData : join(home, 'AppData', 'Roaming');
    return join(base, APP_DIR_NAME);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.config');
  return join(base, APP_DIR_NAME);
}

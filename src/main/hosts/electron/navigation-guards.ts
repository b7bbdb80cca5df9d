/**
 * Pure checks behind the window's navigation, new-window and permission handlers, kept
 * apart from Electron so they can be unit-tested.
 */

/** True when `url` is the app's own page: the bundled file, or the dev server in development. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') return true;
  if (!devServerUrl) return false;
  try {
    return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** The app asks the OS for no permission (camera, notifications, ...): all are refused. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

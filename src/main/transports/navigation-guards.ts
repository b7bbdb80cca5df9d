/**
 * Pure checks behind the window's navigation, new-window and permission handlers, kept
 * apart from Electron so they can be unit-tested.
 */

/**
 * True when `url` is the app's own page. `appUrl` is what the window loads: the dev server's
 * URL in development, else the bundled index.html as a file: URL. Any other local file (one
 * dropped on the window, say) is not the app, so it never runs with the preload's API.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.pathname === app.pathname;
  }
  // Opaque origins (data:, about:, file:) all read "null": never treat them as equal.
  return app.origin !== 'null' && target.origin === app.origin;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The app asks the OS for no permission (camera, notifications, ...): all are refused. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

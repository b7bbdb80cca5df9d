import { extname, resolve, sep } from 'node:path';

/** Content types of the files a renderer build contains. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type of a file by its extension; unknown ones are served as bytes. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Where a request path leads inside the served folder. */
export type StaticTarget =
  | { readonly kind: 'file'; readonly path: string; readonly isIndex: boolean }
  | { readonly kind: 'refused'; readonly status: 400 | 403; readonly reason: string };

/**
 * Maps a request target (`/assets/x.js?v=1`) to a file under `root`. Percent-escapes are
 * decoded once and the result must stay inside `root`: any `..` segment (plain or encoded),
 * a backslash or a NUL is refused, so no request can read outside the build.
 */
export function resolveStaticPath(root: string, target: string): StaticTarget {
  const rawPath = target.split(/[?#]/, 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed percent-encoding in the path' };
  }
  if (!path.startsWith('/'))
    return { kind: 'refused', status: 400, reason: 'path must start with /' };
  if (path.includes('\0') || path.includes('\\'))
    return { kind: 'refused', status: 400, reason: 'path contains a forbidden character' };
  if (path.split('/').some((segment) => segment === '..'))
    return { kind: 'refused', status: 403, reason: 'path leaves the served folder' };
  const relative = path.endsWith('/') ? `${path}index.html` : path;
  const base = resolve(root);
  const file = resolve(base, `.${relative}`);
  // Belt and braces: whatever the segments did, the file must lie under the root.
  if (!file.startsWith(base + sep))
    return { kind: 'refused', status: 403, reason: 'path leaves the served folder' };
  return { kind: 'file', path: file, isIndex: relative === '/index.html' };
}

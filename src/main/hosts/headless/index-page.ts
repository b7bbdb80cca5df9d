/**
 * The served index.html: the built page with the host's write token inserted at serve
 * time. A page of another origin cannot read it (same-origin policy), so only the host's
 * own page can send commands over the WebSocket.
 */

/** Name of the meta element that carries the token. */
export const TOKEN_META_NAME = 'ems-token';

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** `html` with `<meta name="ems-token" content="...">` at the end of its head; throws if it has no head. */
export function withTokenMeta(html: string, token: string): string {
  const at = html.search(/<\/head>/i);
  if (at < 0) throw new Error('index.html has no </head>: cannot insert the token');
  const meta = `<meta name="${TOKEN_META_NAME}" content="${escapeAttribute(token)}" />\n`;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}

/**
 * The content security policy of the served UI on `port`: only its own scripts and styles,
 * and connections only back to itself (WebSocket included, spelt out for browsers whose
 * 'self' does not cover ws:).
 */
export function uiContentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

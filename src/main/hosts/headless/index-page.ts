/**
 * The served page's policy. The page itself carries no secret (see docs/security.md): anyone
 * who can reach the host may load it, and it asks for a pairing code before it may control.
 */

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

import { timingSafeEqual } from 'node:crypto';

/**
 * Who may talk to the host's HTTP server. It listens on 127.0.0.1 only, but any web page
 * the technician opens can still aim a request or a WebSocket at localhost, so:
 * - a browser's Origin must be the host's own page (another site's page is refused);
 * - the Host header must name the loopback address, which defeats DNS rebinding (a
 *   hostile name re-pointed at 127.0.0.1 would otherwise count as same-origin);
 * - changes need the token, which only the host's own page carries.
 */

/** The origins of the host's own page on `port`. */
export function ownOrigins(port: number): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * True when a browser's Origin header is the host's own page. A missing Origin is a
 * non-browser client (curl, a script): let through, since reads are harmless and commands
 * still need the token.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return ownOrigins(port).includes(origin.toLowerCase());
}

/** True when the Host header names the loopback address and our port. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** Compares a client's token with the host's in constant time; a missing one never matches. */
export function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined || token.length === 0) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

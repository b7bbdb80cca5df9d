import { isIP } from 'node:net';

/**
 * Who may talk to the host's HTTP server (UI, REST API and /ws share it).
 *
 * It listens on 127.0.0.1 unless the operator names another address (`--listen`). Any web
 * page the technician opens can still aim requests at it, so:
 * - the Host header must name the server by IP address or `localhost` (on loopback: only the
 *   loopback names), which defeats DNS rebinding: a hostile name re-pointed at us is refused;
 * - a browser's Origin must be the server's own page or an origin configured for CORS;
 * - every write needs the token, which only the server's own page (and the token file) has.
 */

/** The address the server listens on unless told otherwise. */
export const DEFAULT_LISTEN = '127.0.0.1';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase();
  if (isIP(a) === 4) return a.startsWith('127.');
  if (a.startsWith('::ffff:')) return isLoopbackAddress(a.slice(7));
  return a === '::1';
}

/**
 * Checks a listen address; returns it, or throws a one-line error. Names are refused: the
 * operator must say exactly which interface is exposed.
 */
export function checkListenAddress(address: string, what = '--listen'): string {
  if (isIP(address) === 0)
    throw new Error(`${what}: "${address}" is not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::)`);
  return address;
}

/** The warning printed when the server is reachable from the network. */
export function exposedWarning(address: string): string {
  return (
    `warning: listening on ${address}, not loopback: the API can be reached from the network. ` +
    'Reads need no token, writes need the token; let only trusted hosts in (firewall).'
  );
}

/** The Host/Origin/CORS rules of one server. */
export interface HttpPolicy {
  hostAllowed(host: string | undefined): boolean;
  /** A missing Origin (curl, a script) is allowed: writes still need the token. */
  originAllowed(origin: string | undefined, host: string | undefined): boolean;
  /** The configured CORS origin matching `origin`, or null (no CORS headers then). */
  corsOrigin(origin: string | undefined): string | null;
}

/** Options of {@link httpPolicy}. */
export interface HttpPolicyOptions {
  readonly listen: string;
  /** The bound port (known once listening). */
  readonly port: () => number;
  readonly corsOrigins?: readonly string[];
  /** The server speaks HTTPS: its own page's origin is https://. */
  readonly secure?: boolean;
}

function hostPart(host: string, port: number): string | null {
  const suffix = `:${port}`;
  if (!host.endsWith(suffix)) return null;
  const name = host.slice(0, -suffix.length);
  return name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
}

/** The rules for a server listening on `listen`. */
export function httpPolicy(opts: HttpPolicyOptions): HttpPolicy {
  const loopback = isLoopbackAddress(opts.listen) && opts.listen !== '::';
  const cors = new Set((opts.corsOrigins ?? []).map((o) => o.toLowerCase()));
  const hostAllowed = (host: string | undefined): boolean => {
    if (host === undefined) return false;
    const name = hostPart(host.toLowerCase(), opts.port());
    if (name === null) return false;
    if (name === 'localhost' || name === '127.0.0.1') return true;
    if (loopback) return name === opts.listen.toLowerCase();
    return isIP(name) !== 0;
  };
  return {
    hostAllowed,
    originAllowed: (origin, host) => {
      if (origin === undefined) return true;
      const o = origin.toLowerCase();
      const port = opts.port();
      const scheme = opts.secure === true ? 'https' : 'http';
      if (o === `${scheme}://127.0.0.1:${port}` || o === `${scheme}://localhost:${port}`)
        return true;
      if (host !== undefined && hostAllowed(host) && o === `${scheme}://${host.toLowerCase()}`)
        return true;
      return cors.has(o);
    },
    corsOrigin: (origin) =>
      origin !== undefined && cors.has(origin.toLowerCase()) ? origin : null,
  };
}

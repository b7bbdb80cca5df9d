import type { TimeSource } from '../../shared/clock';
import { fingerprintLine, loadOrCreateTlsIdentity, type TlsIdentity } from '../config/tls-identity';
import { isLoopbackAddress } from '../transports/rest/http-policy';

/**
 * Whether a host's server speaks HTTPS. Beyond loopback the token, pairing codes and
 * session cookies would cross the site network, so the server uses TLS there unless the
 * operator explicitly asks for plain HTTP. Loopback stays plain HTTP: nothing leaves the
 * machine, and a browser treats http://127.0.0.1 as a secure context anyway.
 */

/** Options of {@link serverTlsFor}. */
export interface ServerTlsOptions {
  readonly listen: string;
  /** `--insecure-http` (or `api.insecureHttp` in settings.json). */
  readonly insecureHttp: boolean;
  /** Where the certificate and key are kept. */
  readonly configDir: string;
  readonly time: Pick<TimeSource, 'wallNow'>;
  readonly log: (line: string) => void;
}

/** The warning printed when plain HTTP is served beyond loopback. */
export function insecureHttpWarning(listen: string): string {
  return (
    `warning: plain HTTP on ${listen} (--insecure-http): the API token, pairing codes and ` +
    'session cookies cross the network in clear, so anyone on it can read them and take control. ' +
    'Use it only on a network you trust completely.'
  );
}

/**
 * The identity to serve with, or undefined for plain HTTP (loopback, or `insecureHttp` with
 * its warning logged). With TLS, logs `TLS certificate SHA-256: ...` for the technician to
 * compare with the browser's view. Throws a one-line error when the certificate cannot be
 * made or kept.
 */
export async function serverTlsFor(opts: ServerTlsOptions): Promise<TlsIdentity | undefined> {
  if (isLoopbackAddress(opts.listen)) return undefined;
  if (opts.insecureHttp) {
    opts.log(insecureHttpWarning(opts.listen));
    return undefined;
  }
  const identity = await loadOrCreateTlsIdentity({
    configDir: opts.configDir,
    log: opts.log,
    now: () => opts.time.wallNow(),
    ipAddresses: [opts.listen],
  });
  opts.log(fingerprintLine(identity.fingerprint256));
  return identity;
}

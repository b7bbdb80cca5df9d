import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ensurePrivateDir, narrowMode, PRIVATE_FILE_MODE, writePrivateFile } from './private-files';

/**
 * The host's TLS certificate for a server that listens beyond loopback. It is self-signed
 * (no CA knows a device on a site network), so browsers warn; the technician compares the
 * SHA-256 fingerprint the host prints (and the app shows) with the one the browser shows.
 * Made once at first start and kept, so the fingerprint stays the same across restarts.
 */

/** File of the certificate (PEM) in the config folder. */
export const TLS_CERT_FILE_NAME = 'tls-cert.pem';
/** File of its private key (PEM, PKCS#8) in the config folder. */
export const TLS_KEY_FILE_NAME = 'tls-key.pem';
/** How long a new certificate is valid. */
export const TLS_VALIDITY_DAYS = 3650;

/** The key and certificate a server presents, and the fingerprint to print. */
export interface TlsIdentity {
  readonly key: string;
  readonly cert: string;
  /** SHA-256 of the certificate (DER), as `AA:BB:...`. */
  readonly fingerprint256: string;
  readonly certPath: string;
  /** True when this start made the certificate. */
  readonly created: boolean;
}

/** Options of {@link loadOrCreateTlsIdentity}. */
export interface TlsIdentityOptions {
  readonly configDir: string;
  readonly log: (line: string) => void;
  /** Wall time, for the validity check and a new certificate's dates. */
  readonly now: () => number;
  /** IP addresses the certificate names besides 127.0.0.1 and ::1 (the listen address). */
  readonly ipAddresses?: readonly string[];
}

/** The line the host prints so a technician can check the certificate. */
export function fingerprintLine(fingerprint256: string): string {
  return `TLS certificate SHA-256: ${fingerprint256}`;
}

/** Null when the pair is usable at `now`, else why not. */
function unusable(cert: string, key: string, now: number): string | null {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    return 'the certificate cannot be parsed';
  }
  if (Date.parse(x509.validTo) <= now) return `the certificate expired on ${x509.validTo}`;
  try {
    if (!x509.checkPrivateKey(createPrivateKey(key))) return 'the key does not match';
  } catch {
    return 'the key cannot be parsed';
  }
  return null;
}

async function readPair(certPath: string, keyPath: string): Promise<[string, string] | null> {
  try {
    return [await readFile(certPath, 'utf8'), await readFile(keyPath, 'utf8')];
  } catch {
    return null;
  }
}

async function makePair(opts: TlsIdentityOptions): Promise<[string, string]> {
  const ips = ['127.0.0.1', '::1', ...(opts.ipAddresses ?? [])].filter(
    (ip, i, all) => all.indexOf(ip) === i && ip !== '0.0.0.0' && ip !== '::',
  );
  const notBeforeDate = new Date(opts.now());
  const notAfterDate = new Date(opts.now() + TLS_VALIDITY_DAYS * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'EMS commissioning host' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, ...ips.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  return [pems.cert, pems.private];
}

/**
 * Reads the certificate and key from the config folder, or makes a new pair (EC P-256,
 * SHA-256, ten years) when they are missing, unreadable, expired or do not match. Both files
 * are 0600 and the folder 0700. Throws a one-line error naming the folder when they cannot
 * be written.
 */
export async function loadOrCreateTlsIdentity(opts: TlsIdentityOptions): Promise<TlsIdentity> {
  const certPath = join(opts.configDir, TLS_CERT_FILE_NAME);
  const keyPath = join(opts.configDir, TLS_KEY_FILE_NAME);
  ensurePrivateDir(opts.configDir, opts.log);
  const existing = await readPair(certPath, keyPath);
  const why = existing === null ? 'none yet' : unusable(existing[0], existing[1], opts.now());
  let pair: [string, string];
  if (existing !== null && why === null) {
    pair = existing;
    narrowMode(certPath, PRIVATE_FILE_MODE, opts.log);
    narrowMode(keyPath, PRIVATE_FILE_MODE, opts.log);
  } else {
    pair = await makePair(opts);
    try {
      await writePrivateFile(keyPath, pair[1]);
      await writePrivateFile(certPath, pair[0]);
    } catch (err) {
      throw new Error(
        `TLS certificate in ${opts.configDir}: cannot write it (${(err as Error).message})`,
        { cause: err },
      );
    }
    opts.log(`TLS certificate: created ${certPath} (${why ?? 'replaced'})`);
  }
  const [cert, key] = pair;
  return {
    cert,
    key,
    fingerprint256: new X509Certificate(cert).fingerprint256,
    certPath,
    created: existing === null || why !== null,
  };
}

import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fingerprintLine,
  loadOrCreateTlsIdentity,
  TLS_CERT_FILE_NAME,
  TLS_KEY_FILE_NAME,
  TLS_VALIDITY_DAYS,
} from './tls-identity';

const posix = process.platform !== 'win32';
const NOW = Date.parse('2026-01-01T00:00:00Z');
let dir: string;
let logs: string[];
const log = (line: string): void => void logs.push(line);
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-tls-'));
  logs = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the TLS certificate in the config folder', () => {
  it('is made at first start, private, and the same one on the next start', async () => {
    const cfg = join(dir, 'cfg');
    const first = await loadOrCreateTlsIdentity({
      configDir: cfg,
      log,
      now: () => NOW,
      ipAddresses: ['192.0.2.7', '0.0.0.0'],
    });
    expect(first.created).toBe(true);
    const x509 = new X509Certificate(await readFile(join(cfg, TLS_CERT_FILE_NAME), 'utf8'));
    expect(first.fingerprint256).toBe(x509.fingerprint256);
    expect(first.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(x509.subjectAltName).toContain('IP Address:192.0.2.7');
    expect(x509.subjectAltName).not.toContain('0.0.0.0');
    expect(Date.parse(x509.validTo)).toBeGreaterThan(NOW + (TLS_VALIDITY_DAYS - 1) * 86_400_000);
    if (posix) {
      expect(await modeOf(cfg)).toBe(0o700);
      expect(await modeOf(join(cfg, TLS_CERT_FILE_NAME))).toBe(0o600);
      expect(await modeOf(join(cfg, TLS_KEY_FILE_NAME))).toBe(0o600);
    }
    expect(logs).toEqual([`TLS certificate: created ${join(cfg, TLS_CERT_FILE_NAME)} (none yet)`]);
    logs = [];
    const second = await loadOrCreateTlsIdentity({ configDir: cfg, log, now: () => NOW + 1000 });
    expect(second.created).toBe(false);
    expect(second.fingerprint256).toBe(first.fingerprint256);
    expect(second.key).toBe(first.key);
    expect(logs).toEqual([]);
    expect(fingerprintLine(second.fingerprint256)).toBe(
      `TLS certificate SHA-256: ${first.fingerprint256}`,
    );
  });

  it('is replaced when expired or when the key does not belong to it', async () => {
    const first = await loadOrCreateTlsIdentity({ configDir: dir, log, now: () => NOW });
    const later = NOW + (TLS_VALIDITY_DAYS + 1) * 86_400_000;
    const renewed = await loadOrCreateTlsIdentity({ configDir: dir, log, now: () => later });
    expect(renewed.created).toBe(true);
    expect(renewed.fingerprint256).not.toBe(first.fingerprint256);
    expect(logs.at(-1)).toMatch(/\(the certificate expired on /);
    await writeFile(join(dir, TLS_KEY_FILE_NAME), first.key);
    const fixed = await loadOrCreateTlsIdentity({ configDir: dir, log, now: () => NOW });
    expect(fixed.created).toBe(true);
    expect(logs.at(-1)).toMatch(/\(the key does not match\)$/);
  });
});

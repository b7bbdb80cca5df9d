/**
 * The `targets` field of a device scan: one host, one range or one CIDR block, expanded to
 * the addresses to probe. Pure and zod-free, so the renderer checks a typed field with the
 * same rules and the same messages as main.
 *
 * Accepted forms:
 * - a host: `192.168.1.20` or a name such as `inverter.local` (resolved when probed);
 * - a range: `192.168.1.10-192.168.1.40`, or `192.168.1.10-40` (the last octet only);
 * - a CIDR block: `192.168.1.0/24` (the network and broadcast addresses are left out for
 *   blocks of 4 addresses or more, since no device answers there).
 */

/** The most addresses one scan may probe. */
export const MAX_SCAN_ADDRESSES = 1024;

/** What a `targets` string expands to, or why it cannot be scanned. */
export type ScanTargetsResult =
  | { readonly ok: true; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly error: string };

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** The IPv4 address as a 32-bit number, or null when `text` is not a dotted quad. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** A 32-bit number as a dotted quad. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function span(first: number, last: number): ScanTargetsResult {
  const count = last - first + 1;
  if (count > MAX_SCAN_ADDRESSES)
    return {
      ok: false,
      error: `${count} addresses: a scan takes at most ${MAX_SCAN_ADDRESSES} (a /22 block)`,
    };
  return { ok: true, addresses: Array.from({ length: count }, (_, i) => formatIpv4(first + i)) };
}

function parseCidr(base: string, prefixText: string): ScanTargetsResult {
  const address = parseIpv4(base);
  if (address === null) return { ok: false, error: `"${base}" is not an IPv4 address` };
  if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32)
    return { ok: false, error: `"/${prefixText}" is not a prefix length (0 to 32)` };
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  if (size - (size >= 4 ? 2 : 0) > MAX_SCAN_ADDRESSES)
    return {
      ok: false,
      error: `a /${prefix} block has ${size} addresses: a scan takes at most ${MAX_SCAN_ADDRESSES} (a /22 block)`,
    };
  return size >= 4 ? span(network + 1, network + size - 2) : span(network, network + size - 1);
}

function parseRange(from: string, to: string): ScanTargetsResult {
  const first = parseIpv4(from);
  if (first === null) return { ok: false, error: `"${from}" is not an IPv4 address` };
  // "10.0.0.5-40": the end repeats the first three octets of the start.
  const last = /^\d{1,3}$/.test(to)
    ? Number(to) <= 255
      ? Math.floor(first / 256) * 256 + Number(to)
      : null
    : parseIpv4(to);
  if (last === null)
    return { ok: false, error: `"${to}" is not an IPv4 address or a last octet (0 to 255)` };
  if (last < first)
    return { ok: false, error: `the range ends (${to}) before it starts (${from})` };
  return span(first, last);
}

/**
 * Expands a scan's `targets` string to the addresses to probe, in ascending order. Errors
 * name what is wrong: not an address, a range backwards, or more than 1,024 addresses.
 */
export function parseScanTargets(input: string): ScanTargetsResult {
  const text = input.trim();
  if (text === '')
    return { ok: false, error: 'empty: give a host, a range (a.b.c.d-e.f.g.h) or a CIDR block' };
  if (/\s/.test(text)) return { ok: false, error: 'one host, range or CIDR block, without spaces' };
  const slash = text.split('/');
  if (slash.length === 2) return parseCidr(slash[0] ?? '', slash[1] ?? '');
  if (slash.length > 2) return { ok: false, error: `"${text}" has more than one "/"` };
  const dash = text.split('-');
  if (dash.length === 2 && parseIpv4(dash[0] ?? '') !== null)
    return parseRange(dash[0] ?? '', dash[1] ?? '');
  if (parseIpv4(text) !== null) return { ok: true, addresses: [text] };
  if (/^[\d.]+$/.test(text)) return { ok: false, error: `"${text}" is not an IPv4 address` };
  if (text.includes(':')) return { ok: false, error: 'IPv6 is not scanned: give an IPv4 address' };
  if (!HOSTNAME.test(text))
    return {
      ok: false,
      error: `"${text}" is not a host name, an address, a range (a.b.c.d-e.f.g.h) or a CIDR block`,
    };
  return { ok: true, addresses: [text] };
}

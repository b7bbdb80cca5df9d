import { describe, expect, it } from 'vitest';
import { scanParamsSchema } from './scan-schemas';
import { MAX_SCAN_ADDRESSES, parseScanTargets } from './scan-targets';
import { formatZodError } from './format-zod-error';

const addresses = (text: string): readonly string[] => {
  const r = parseScanTargets(text);
  if (!r.ok) throw new Error(r.error);
  return r.addresses;
};
const error = (text: string): string => {
  const r = parseScanTargets(text);
  return r.ok ? 'accepted' : r.error;
};

describe('parseScanTargets', () => {
  it('takes a host, a name, a range and a CIDR block', () => {
    expect(addresses('192.168.1.20')).toEqual(['192.168.1.20']);
    expect(addresses(' inverter-1.local ')).toEqual(['inverter-1.local']);
    expect(addresses('10.0.0.254-10.0.1.1')).toEqual([
      '10.0.0.254',
      '10.0.0.255',
      '10.0.1.0',
      '10.0.1.1',
    ]);
    expect(addresses('10.0.0.5-7')).toEqual(['10.0.0.5', '10.0.0.6', '10.0.0.7']);
    const block = addresses('127.0.0.0/24');
    expect(block).toHaveLength(254);
    expect([block[0], block.at(-1)]).toEqual(['127.0.0.1', '127.0.0.254']);
    expect(addresses('10.1.2.3/31')).toEqual(['10.1.2.2', '10.1.2.3']);
    expect(addresses('10.1.2.3/32')).toEqual(['10.1.2.3']);
    expect(addresses('10.0.0.0/22')).toHaveLength(1022);
  });

  it('names what is wrong', () => {
    expect(error('')).toBe('empty: give a host, a range (a.b.c.d-e.f.g.h) or a CIDR block');
    expect(error('10.0.0.256')).toBe('"10.0.0.256" is not an IPv4 address');
    expect(error('10.0.0/24')).toBe('"10.0.0" is not an IPv4 address');
    expect(error('10.0.0.0/33')).toBe('"/33" is not a prefix length (0 to 32)');
    expect(error('10.0.0.0/21')).toBe(
      `a /21 block has 2048 addresses: a scan takes at most ${MAX_SCAN_ADDRESSES} (a /22 block)`,
    );
    expect(error('10.0.0.0-10.0.4.0')).toBe(
      `1025 addresses: a scan takes at most ${MAX_SCAN_ADDRESSES} (a /22 block)`,
    );
    expect(error('10.0.0.9-10.0.0.1')).toBe(
      'the range ends (10.0.0.1) before it starts (10.0.0.9)',
    );
    expect(error('10.0.0.1-300')).toBe('"300" is not an IPv4 address or a last octet (0 to 255)');
    expect(error('10.0.0.1 10.0.0.2')).toBe('one host, range or CIDR block, without spaces');
    expect(error('fe80::1')).toBe('IPv6 is not scanned: give an IPv4 address');
    expect(error('inverter_1!')).toBe(
      '"inverter_1!" is not a host name, an address, a range (a.b.c.d-e.f.g.h) or a CIDR block',
    );
  });
});

describe('scanParamsSchema', () => {
  const problem = (params: unknown): string => {
    const r = scanParamsSchema.safeParse(params);
    return r.success ? 'accepted' : formatZodError(r.error);
  };

  it('names the field and the problem', () => {
    expect(problem({ targets: '127.0.0.1' })).toBe('accepted');
    expect(problem({ targets: '127.0.0.0/20' })).toMatch(
      /^targets: a \/20 block has 4096 addresses/,
    );
    expect(problem({ targets: '127.0.0.1', ports: [502, 70000] })).toBe(
      'ports.1: a TCP port (1 to 65535)',
    );
    expect(problem({ targets: '127.0.0.1', ports: [] })).toBe('ports: at least one port');
    expect(problem({ targets: '127.0.0.1', unitIds: [1, 1] })).toBe(
      'unitIds: a unit id is listed twice',
    );
    expect(problem({ targets: '127.0.0.1', unitIds: [1.5] })).toBe('unitIds.0: a whole number');
    expect(problem({ targets: '127.0.0.1', timeoutMs: 10 })).toBe('timeoutMs: at least 50 ms');
    expect(problem({ targets: '127.0.0.1', extra: 1 })).toMatch(/^\(root\): Unrecognized key/);
  });
});

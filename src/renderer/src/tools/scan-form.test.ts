import { describe, expect, it } from 'vitest';
import { checkScanForm, INITIAL_SCAN_FORM } from './scan-form';

describe('checkScanForm', () => {
  it('makes the request from valid fields, with the defaults as typed', () => {
    const c = checkScanForm({ ...INITIAL_SCAN_FORM, targets: ' 192.168.1.0/24 ' });
    expect(c.errors).toEqual({ targets: null, ports: null, unitIds: null });
    expect(c.params).toEqual({
      targets: '192.168.1.0/24',
      ports: [502],
      unitIds: [1, 2, 3, 126, 247],
    });
    expect(c.addresses).toBe(254);
  });

  it("names each field's problem with main's message and sends nothing", () => {
    const c = checkScanForm({ targets: '10.0.0.0/16', ports: '502, x', unitIds: '1 1' });
    expect(c.errors).toEqual({
      targets: 'a /16 block has 65536 addresses: a scan takes at most 1024 (a /22 block)',
      ports: '"x" is not a whole number',
      unitIds: 'a unit id is listed twice',
    });
    expect(c.params).toBeNull();
    expect(checkScanForm({ ...INITIAL_SCAN_FORM, targets: '' }).errors.targets).toBe(
      'empty: give a host, a range (a.b.c.d-e.f.g.h) or a CIDR block',
    );
    expect(checkScanForm({ targets: '127.0.0.1', ports: '70000', unitIds: '' }).errors).toEqual({
      targets: null,
      ports: '70000: a TCP port (1 to 65535)',
      unitIds: 'at least one unit id',
    });
  });
});

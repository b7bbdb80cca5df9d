import { describe, expect, it } from 'vitest';
import { checkDiscoveryForm } from './discovery-form';

describe('checkDiscoveryForm', () => {
  it('leaves empty fields to the defaults', () => {
    expect(checkDiscoveryForm({ bases: ' ', unitId: '' })).toEqual({
      ok: true,
      bases: null,
      unitId: null,
    });
  });

  it('reads one or several bases (decimal or hex) and a unit id', () => {
    expect(checkDiscoveryForm({ bases: '40000, 0x0', unitId: '3' })).toEqual({
      ok: true,
      bases: [40000, 0],
      unitId: 3,
    });
  });

  it('names what is wrong in each field', () => {
    expect(checkDiscoveryForm({ bases: '40000,,0', unitId: '256' })).toEqual({
      ok: false,
      errors: {
        bases: 'base address: value 2 is empty: nothing between the commas after "40000"',
        unitId: 'unit id must be 0..255, got 256',
      },
    });
    expect(checkDiscoveryForm({ bases: '65535', unitId: 'x' })).toEqual({
      ok: false,
      errors: {
        bases: 'base address must be 0..65534, got 65535',
        unitId: 'unit id must be a whole number, got "x"',
      },
    });
  });
});

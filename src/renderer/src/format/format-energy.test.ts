import { describe, expect, it } from 'vitest';
import { ZERO_ENERGY } from '../../../shared/energy';
import { energyItems, formatEnergy } from './format-energy';

describe('energy strip', () => {
  it('shows kWh with an unbreakable space, PV and self-sufficiency as dashes when unknown', () => {
    expect(formatEnergy(12_345)).toBe('12.35\u00a0kWh');
    const items = energyItems({ ...ZERO_ENERGY, gridImportWh: 1500, chargeWh: 800 });
    expect(items.map((i) => i.text)).toEqual([
      '1.50\u00a0kWh',
      '0.00\u00a0kWh',
      '0.80\u00a0kWh',
      '0.00\u00a0kWh',
      '\u2014',
      '\u2014',
    ]);
    expect(items.find((i) => i.key === 'pv')?.why).toMatch(/not measured/);
  });

  it('gives self-sufficiency where PV is measured', () => {
    // 10 kWh consumed (2 import + 8 PV, nothing through the battery): 80 % not from the grid.
    const items = energyItems({ ...ZERO_ENERGY, gridImportWh: 2000, pvWh: 8000 });
    expect(items.find((i) => i.key === 'self')?.text).toBe('80\u00a0%');
  });
});

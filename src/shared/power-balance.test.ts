import { describe, expect, it } from 'vitest';
import { powerBalance } from './power-balance';

describe('powerBalance', () => {
  it('adds grid and inverter AC power: PV behind a hybrid inverter is inside its AC power', () => {
    // Hybrid: 3 kW PV, 1 kW into the battery, so 2 kW AC out; 500 W export; the house takes 1.5 kW.
    expect(
      powerBalance({ gridW: -500, inverterAcW: 2000, pvW: 3000, pvPlacement: 'behindInverter' }),
    ).toEqual({ pvW: 3000, loadW: 1500 });
  });

  it('adds PV measured on its own AC feed', () => {
    // AC-coupled: battery charging 1 kW from 3 kW PV; 500 W export; the house takes 1.5 kW.
    expect(
      powerBalance({ gridW: -500, inverterAcW: -1000, pvW: 3000, pvPlacement: 'ownFeed' }),
    ).toEqual({ pvW: 3000, loadW: 1500 });
  });

  it('gives the load net of PV when PV is not measured', () => {
    expect(
      powerBalance({ gridW: 800, inverterAcW: 200, pvW: null, pvPlacement: 'behindInverter' }),
    ).toEqual({ pvW: null, loadW: 1000 });
  });

  it('says unknown when a term is stale, never a partial sum', () => {
    expect(
      powerBalance({ gridW: null, inverterAcW: 200, pvW: 100, pvPlacement: 'behindInverter' }),
    ).toEqual({ pvW: 100, loadW: null });
    expect(
      powerBalance({ gridW: 100, inverterAcW: 200, pvW: null, pvPlacement: 'ownFeed' }),
    ).toEqual({ pvW: null, loadW: null });
    expect(
      powerBalance({ gridW: Number.NaN, inverterAcW: 0, pvW: null, pvPlacement: 'ownFeed' }).loadW,
    ).toBeNull();
  });

  it('never shows negative PV (inverter noise at night)', () => {
    expect(
      powerBalance({ gridW: 0, inverterAcW: 0, pvW: -3, pvPlacement: 'behindInverter' }).pvW,
    ).toBe(0);
  });
});

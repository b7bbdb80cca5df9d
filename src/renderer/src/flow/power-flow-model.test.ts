import { describe, expect, it } from 'vitest';
import { batteryDcW, flowLinks, type FlowInput } from './power-flow-model';

const site: FlowInput = {
  gridW: -400,
  inverterW: -4800,
  bms: null,
  ratings: { maxChargeW: 5000, maxDischargeW: 5000 },
};

function byId(input: FlowInput, current = true): Record<string, ReturnType<typeof flowLinks>[0]> {
  return Object.fromEntries(flowLinks(input, current).map((l) => [l.id, l]));
}

describe('flowLinks', () => {
  it('points each link the way power moves, in the EMS signs', () => {
    const l = byId(site);
    // Exporting: power leaves the bus toward the grid.
    expect(l['grid']).toMatchObject({ from: 'grid', to: 'bus', direction: 'reverse' });
    // Charging: power goes from the bus into the inverter, and on into the battery.
    expect(l['inverter']).toMatchObject({ direction: 'reverse', watts: -4800 });
    expect(l['battery']).toMatchObject({ direction: 'reverse', watts: -4800 });
    // House net = grid + battery = -5200 W: a PV surplus flows from the house side to the bus.
    expect(l['house']).toMatchObject({ watts: -5200, direction: 'reverse' });
    const importing = byId({ ...site, gridW: 1200, inverterW: 300 });
    expect(importing['grid']?.direction).toBe('forward');
    expect(importing['inverter']?.direction).toBe('forward');
    expect(importing['house']).toMatchObject({ watts: 1500, direction: 'forward' });
  });

  it('draws a link thicker for more power, and no direction near 0 W', () => {
    const small = byId({ ...site, inverterW: -300 })['inverter'];
    const large = byId(site)['inverter'];
    expect(small && large && small.width < large.width).toBe(true);
    expect(byId({ ...site, gridW: 5 })['grid']?.direction).toBe('none');
  });

  it('breaks a stale link and every link of a stale snapshot; PV is not measured', () => {
    const meterLost = byId({ ...site, gridW: null });
    expect(meterLost['grid']).toMatchObject({ broken: true, watts: null, direction: 'none' });
    expect(meterLost['house']?.broken).toBe(true);
    expect(meterLost['inverter']?.broken).toBe(false);
    expect(meterLost['pv']?.broken).toBe(true);
    expect(flowLinks(site, false).every((l) => l.broken)).toBe(true);
  });
});

describe('batteryDcW', () => {
  it('takes V x I from a fresh BMS (current + = into the pack), else the inverter', () => {
    const bms = {
      socPct: 50,
      sohPct: 98,
      voltageV: 54,
      currentA: 90,
      temperatureC: 25,
      chargeCurrentLimitA: 100,
      dischargeCurrentLimitA: 100,
      chargeEnabled: true,
      dischargeEnabled: true,
      alarms: [],
      warnings: [],
    };
    expect(batteryDcW({ bms, inverterW: -4800 })).toEqual({ watts: -4860, source: 'bms' });
    expect(batteryDcW({ bms: { ...bms, currentA: null }, inverterW: -4800 })).toEqual({
      watts: -4800,
      source: 'inverter',
    });
  });
});

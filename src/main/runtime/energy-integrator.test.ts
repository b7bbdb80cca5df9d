import { describe, expect, it } from 'vitest';
import { selfSufficiencyPct } from '../../shared/energy';
import {
  createEnergyState,
  integrateEnergy,
  localDay,
  splitTrapezoid,
  type EnergyInputs,
  type EnergyState,
} from './energy-integrator';

const DAY = '2026-12-03';
const HOUR = 3_600_000;

function feed(
  state: EnergyState,
  steps: ReadonlyArray<Partial<EnergyInputs>>,
  maxGapMs = HOUR,
): EnergyState {
  return steps.reduce(
    (s, step) =>
      integrateEnergy(s, { day: DAY, grid: null, inverter: null, pv: null, maxGapMs, ...step }),
    state,
  );
}

describe('splitTrapezoid', () => {
  it('splits a segment crossing zero at the crossing', () => {
    // 1000 W to -1000 W over one hour: half an hour above, half below, triangles of 250 Wh.
    expect(splitTrapezoid(1000, -1000, 1)).toEqual({ pos: 250, neg: 250 });
    expect(splitTrapezoid(-3000, 1000, 1)).toEqual({ pos: 125, neg: 1125 });
  });

  it('integrates same-sign segments as trapezoids', () => {
    expect(splitTrapezoid(1000, 3000, 0.5)).toEqual({ pos: 1000, neg: 0 });
    expect(splitTrapezoid(-1000, -3000, 0.5)).toEqual({ pos: 0, neg: 1000 });
  });
});

describe('integrateEnergy', () => {
  it('counts grid import and export and battery charge and discharge by sign', () => {
    const s = feed(createEnergyState(DAY), [
      { grid: { at: 0, watts: 2000 }, inverter: { at: 0, watts: -1000 } },
      { grid: { at: HOUR, watts: 2000 }, inverter: { at: HOUR, watts: -1000 } },
      { grid: { at: 2 * HOUR, watts: -500 }, inverter: { at: 2 * HOUR, watts: 3000 } },
    ]);
    // Second hour crosses zero: grid 2000 -> -500 gives 800 Wh import and 50 Wh export.
    expect(s.today.gridImportWh).toBeCloseTo(2800);
    expect(s.today.gridExportWh).toBeCloseTo(50);
    // Inverter -1000 -> 3000: 125 Wh charge and 1125 Wh discharge in the second hour.
    expect(s.today.chargeWh).toBeCloseTo(1125);
    expect(s.today.dischargeWh).toBeCloseTo(1125);
    expect(s.today.pvWh).toBeNull();
    expect(s.session).toEqual(s.today);
  });

  it('does not bridge a stale sample or a gap longer than the limit', () => {
    const s = feed(
      createEnergyState(DAY),
      [
        { grid: { at: 0, watts: 1000 } },
        { grid: null },
        { grid: { at: 2_000, watts: 1000 } },
        // 10 s later is past the 5 s limit: skipped.
        { grid: { at: 12_000, watts: 1000 } },
        { grid: { at: 13_000, watts: 1000 } },
      ],
      5_000,
    );
    expect(s.today.gridImportWh).toBeCloseTo(1000 / 3600);
  });

  it('counts a repeated sample once', () => {
    const s = feed(createEnergyState(DAY), [
      { inverter: { at: 0, watts: 3600 } },
      { inverter: { at: 1_000, watts: 3600 } },
      { inverter: { at: 1_000, watts: 3600 } },
      { inverter: { at: 2_000, watts: 3600 } },
    ]);
    expect(s.today.dischargeWh).toBeCloseTo(2);
  });

  it('starts the day counters at zero on a new day and keeps the session counters', () => {
    const s1 = feed(createEnergyState(DAY), [
      { grid: { at: 0, watts: 1000 } },
      { grid: { at: HOUR, watts: 1000 } },
    ]);
    const s2 = integrateEnergy(s1, {
      day: '2026-12-04',
      grid: { at: 2 * HOUR, watts: 1000 },
      inverter: null,
      pv: null,
      maxGapMs: HOUR,
    });
    expect(s2.day).toBe('2026-12-04');
    expect(s2.today.gridImportWh).toBeCloseTo(1000);
    expect(s2.session.gridImportWh).toBeCloseTo(2000);
  });

  it('continues from restored counters', () => {
    const restored = {
      gridImportWh: 500,
      gridExportWh: 1,
      chargeWh: 2,
      dischargeWh: 3,
      pvWh: null,
    };
    const s = feed(createEnergyState(DAY, restored), [
      { grid: { at: 0, watts: 1000 } },
      { grid: { at: HOUR, watts: 1000 } },
    ]);
    expect(s.today.gridImportWh).toBeCloseTo(1500);
    expect(s.session.gridImportWh).toBeCloseTo(1000);
  });

  it('counts PV once it is measured', () => {
    const s = feed(createEnergyState(DAY), [
      { pv: { at: 0, watts: 2000 } },
      { pv: { at: HOUR, watts: 4000 } },
    ]);
    expect(s.today.pvWh).toBeCloseTo(3000);
  });
});

describe('selfSufficiencyPct', () => {
  it('is the share of consumption not imported, known only with PV', () => {
    const e = { gridImportWh: 1000, gridExportWh: 0, chargeWh: 1000, dischargeWh: 0, pvWh: 4000 };
    // Consumed: 1000 + 4000 - 1000 = 4000 Wh, of which 1000 Wh imported.
    expect(selfSufficiencyPct(e)).toBeCloseTo(75);
    expect(selfSufficiencyPct({ ...e, pvWh: null })).toBeNull();
  });
});

describe('localDay', () => {
  it('names the local calendar day', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05');
  });
});

import { describe, expect, it, test } from 'vitest';
import { nodeVirtualTime } from '../util/node-virtual-time.test-kit';
import { EmsRuntime } from './ems-runtime';
import {
  createEnergyState,
  integrateEnergy,
  type EnergyInputs,
  type EnergyState,
} from './energy-integrator';
import type { MeterPort } from './device-ports';
import { fakeInverter, POLL_MS, RUNTIME_TEST_CONFIG, WALL_EPOCH } from './runtime.test-kit';
import { signedMeter } from './signed-meter';

/**
 * Grid energy from the meter's own import/export counters (issue 13 item 4): where the meter
 * profile has them, the day's grid import and export are their increase, not the polled power
 * integrated; the battery and PV stay integrated.
 */

const DAY = '2026-12-03';
const SECOND = 1000;

function step(
  s: EnergyState,
  at: number,
  gridW: number,
  importWh: number | null,
  exportWh: number | null,
): EnergyState {
  const inputs: EnergyInputs = {
    day: DAY,
    grid: { at, watts: gridW },
    inverter: null,
    pv: null,
    gridCounters: { at, importWh, exportWh },
    maxGapMs: 2 * SECOND,
  };
  return integrateEnergy(s, inputs);
}

describe('integrateEnergy with the meter counters', () => {
  it('counts the counters’ increase, not the power, and skips a reset and a gap', () => {
    let s = createEnergyState(DAY);
    // The power says 3600 W (1 Wh a second) of import; the counter says 5 Wh a second.
    s = step(s, 0, 3600, 1000, 200);
    s = step(s, SECOND, 3600, 1005, 200);
    s = step(s, 2 * SECOND, 3600, 1010, 201);
    expect(s.today.gridImportWh).toBe(10);
    expect(s.today.gridExportWh).toBe(1);
    // A counter that went back (meter reset or replaced) counts nothing for that step.
    s = step(s, 3 * SECOND, 3600, 4, 201);
    s = step(s, 4 * SECOND, 3600, 9, 201);
    expect(s.today.gridImportWh).toBe(15);
    // Across a gap longer than maxGapMs nothing is counted, as for the power.
    s = step(s, 10 * SECOND, 3600, 100, 201);
    expect(s.today.gridImportWh).toBe(15);
    expect(s.session.gridImportWh).toBe(15);
  });

  it('a quantity without a counter still comes from the power', () => {
    let s = createEnergyState(DAY);
    s = step(s, 0, -3600, 50, null);
    s = step(s, SECOND, -3600, 50, null);
    expect(s.today.gridImportWh).toBe(0);
    expect(s.today.gridExportWh).toBeCloseTo(1, 6);
  });
});

describe('signedMeter', () => {
  it('swaps the counters of a meter mounted the other way round', async () => {
    const meter: MeterPort = {
      label: 'm',
      read: () => Promise.resolve({ gridW: 100, importWh: 7, exportWh: 3 }),
      close: () => Promise.resolve(),
    };
    expect(await signedMeter(meter, -1).read()).toMatchObject({
      gridW: -100,
      importWh: 3,
      exportWh: 7,
    });
  });
});

test('the runtime counts grid energy from the counters a meter reads', async () => {
  const clock = nodeVirtualTime({ wallEpochMs: WALL_EPOCH });
  const started = clock.now();
  // 2 kW import by the power; the meter's counter rises 1 Wh a second (3.6 kW): the counter wins.
  const meter: MeterPort = {
    label: 'meter',
    read: () =>
      Promise.resolve({
        gridW: 2000,
        importWh: 50_000 + Math.floor((clock.now() - started) / SECOND),
        exportWh: 900,
      }),
    close: () => Promise.resolve(),
  };
  const runtime = new EmsRuntime({
    config: RUNTIME_TEST_CONFIG,
    site: { id: 'counters', name: 'Counters' },
    pollIntervalMs: POLL_MS,
    meter,
    inverter: fakeInverter(clock),
    bms: null,
    clock,
    log: () => undefined,
  });
  runtime.start();
  await clock.runFor(60 * SECOND);
  const today = runtime.snapshot().energyToday;
  // About 60 Wh (one a second, minus the first poll), not the 33 Wh the power would give.
  expect(today.gridImportWh).toBeGreaterThanOrEqual(58);
  expect(today.gridImportWh).toBeLessThanOrEqual(60);
  expect(today.gridExportWh).toBe(0);
  await runtime.safeStop();
});

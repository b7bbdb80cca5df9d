import { describe, expect, test } from 'vitest';
import { EmsRuntime } from './ems-runtime';
import { localDay } from './energy-integrator';
import {
  fakeInverter,
  fakeMeter,
  POLL_MS,
  RUNTIME_TEST_CONFIG,
  WALL_EPOCH,
} from './runtime.test-kit';
import { nodeVirtualTime } from '../util/node-virtual-time.test-kit';

const MINUTES = 6;

/** A runtime on a hybrid inverter: 3 kW PV behind it, 1 kW into the battery, 2 kW AC out. */
function hybridRig(restored?: { day: string; chargeWh: number }) {
  const clock = nodeVirtualTime({ wallEpochMs: WALL_EPOCH });
  const meter = fakeMeter(clock, -500);
  const inverter = fakeInverter(clock);
  const reading = { activePowerW: 2000, controlledW: -1000, pvW: 3000, socPct: 50 };
  inverter.read = () => Promise.resolve(reading);
  const runtime = new EmsRuntime({
    config: RUNTIME_TEST_CONFIG,
    site: { id: 'hybrid', name: 'Hybrid' },
    pollIntervalMs: POLL_MS,
    meter,
    inverter,
    bms: null,
    clock,
    log: () => undefined,
    energyRestored: restored
      ? {
          day: restored.day,
          today: {
            gridImportWh: 0,
            gridExportWh: 0,
            chargeWh: restored.chargeWh,
            dischargeWh: 0,
            pvWh: 10,
          },
        }
      : null,
  });
  return { runtime, clock };
}

describe('energy counters on a hybrid inverter', () => {
  test('battery energy is the controlled quantity, PV is counted, load comes from the balance', async () => {
    const { runtime, clock } = hybridRig();
    runtime.start();
    await clock.runFor(MINUTES * 60_000);
    const s = runtime.snapshot();
    const hours = MINUTES / 60;
    // 1 kW into the battery, not the 2 kW of AC output the PV passes through.
    expect(s.energyToday.chargeWh).toBeCloseTo(1000 * hours, -1);
    expect(s.energyToday.dischargeWh).toBe(0);
    expect(s.energyToday.pvWh).toBeCloseTo(3000 * hours, -1);
    expect(s.energyToday.gridExportWh).toBeCloseTo(500 * hours, -1);
    expect(s).toMatchObject({ pvW: 3000, loadW: 1500 });
    await runtime.safeStop();
  });

  test("today's counters restored for the same day continue; another day's start at zero", () => {
    const today = localDay(WALL_EPOCH);
    const same = hybridRig({ day: today, chargeWh: 5000 });
    expect(same.runtime.snapshot().energyToday).toMatchObject({ chargeWh: 5000, pvWh: 10 });
    expect(same.runtime.energyToday()).toMatchObject({ day: today });
    const old = hybridRig({ day: '1999-01-01', chargeWh: 5000 });
    expect(old.runtime.snapshot().energyToday.chargeWh).toBe(0);
  });
});

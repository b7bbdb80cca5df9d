import { describe, expect, test } from 'vitest';
import { ZERO_ENERGY } from '../../shared/energy';
import { createCoreState, type CoreState } from '../core';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../core/core-config';
import type { Measurements } from '../core/measurements';
import { HEALTHY_BMS, WALL_EPOCH } from './runtime.test-kit';
import {
  buildSnapshot,
  DEVICE_DEFAULT_EXPIRY_WARNING,
  NO_WATCHDOG_WARNING,
  type SnapshotInputs,
} from './snapshot-builder';

const NOW = 10_000;
const ALL_OK = { meter: 'ok', inverter: 'ok', bms: 'ok' } as const;
const M: Measurements = {
  grid: { value: 1234.56, at: NOW - 200 },
  inverter: { value: { activePowerW: -987.64, socPct: 41.27 }, at: NOW - 100 },
  bms: { value: HEALTHY_BMS, at: NOW - 300 },
};

function inputs(
  core: Partial<CoreState> = {},
  more: Partial<SnapshotInputs> = {},
  config: CoreConfig = DEFAULT_CORE_CONFIG,
): SnapshotInputs {
  return {
    core: { ...createCoreState(config), links: ALL_OK, ...core },
    measurements: M,
    config,
    site: { id: 'plant-room', name: 'Plant room' },
    now: NOW,
    wallNow: WALL_EPOCH,
    linkErrors: () => null,
    hasWatchdog: true,
    energy: { today: ZERO_ENERGY, session: ZERO_ENERGY },
    ...more,
  };
}

describe('buildSnapshot', () => {
  test('shows fresh values rounded to 0.1, with link ages and the wall-clock time', () => {
    const s = buildSnapshot(inputs());
    expect(s).toMatchObject({
      time: '2024-01-01T00:00:00.000Z',
      site: { id: 'plant-room', name: 'Plant room' },
      gridW: 1234.6,
      inverterW: -987.6,
      soc: 60,
      modbusOk: true,
      canOk: true,
      warnings: [],
    });
    expect(s.links.meter).toEqual({ health: 'ok', ageMs: 200, lastError: null });
    expect(s.links.bms?.ageMs).toBe(300);
    expect(s.bms).toMatchObject({ socPct: 60, sohPct: 99, chargeCurrentLimitA: 100 });
  });

  test('carries PV where the inverter measures it and the load from the power balance', () => {
    const hybrid: Measurements = {
      ...M,
      grid: { value: -500, at: NOW - 200 },
      inverter: { value: { activePowerW: 2000, controlledW: -1000, pvW: 3000 }, at: NOW - 100 },
    };
    expect(buildSnapshot(inputs({}, { measurements: hybrid }))).toMatchObject({
      pvW: 3000,
      loadW: 1500,
    });
    // No PV point: PV unknown, the load net of it; a stale meter: load unknown.
    expect(buildSnapshot(inputs())).toMatchObject({ pvW: null, loadW: 247 });
    const stale = buildSnapshot(inputs({ links: { ...ALL_OK, meter: 'lost' } }));
    expect(stale).toMatchObject({ gridW: null, loadW: null });
  });

  test('shows the allowed band, the inverter ratings and the SOC window', () => {
    const band = { lowerW: -2000, upperW: 0, lowerBy: 'socUnknown', upperBy: 'socMin' } as const;
    const cfg = { ...DEFAULT_CORE_CONFIG, inverterMaxChargeW: 6000, socMinPct: 12, socMaxPct: 88 };
    const s = buildSnapshot(inputs({ band }, {}, cfg));
    expect(s.band).toEqual(band);
    expect(s.ratings).toEqual({ maxChargeW: 6000, maxDischargeW: 5000 });
    expect(s.socWindow).toEqual({ minPct: 12, maxPct: 88 });
  });

  test('a stale link shows null, not its last value, and names its error', () => {
    const s = buildSnapshot(
      inputs(
        { links: { meter: 'lost', inverter: 'ok', bms: 'lost' } },
        { linkErrors: (l) => (l === 'meter' ? 'meter: timed out' : null) },
      ),
    );
    expect(s).toMatchObject({ gridW: null, inverterW: -987.6, soc: null, bms: null });
    expect(s).toMatchObject({ modbusOk: false, canOk: false });
    expect(s.links.meter).toEqual({ health: 'lost', ageMs: 200, lastError: 'meter: timed out' });
  });

  test('a connecting inverter shows no power and no SOC', () => {
    const cfg = { ...DEFAULT_CORE_CONFIG, hasBms: false };
    const s = buildSnapshot(
      inputs({ links: { meter: 'ok', inverter: 'connecting', bms: 'connecting' } }, {}, cfg),
    );
    expect(s).toMatchObject({ inverterW: null, soc: null, modbusOk: false });
  });

  test('without a BMS: canOk and the BMS parts are null, the SOC comes from the inverter', () => {
    const cfg = { ...DEFAULT_CORE_CONFIG, hasBms: false };
    const s = buildSnapshot(inputs({}, {}, cfg));
    expect(s).toMatchObject({ canOk: null, bms: null, soc: 41.3 });
    expect(s.links.bms).toBeNull();
  });

  test('with a BMS the inverter SOC is never shown in its place', () => {
    const s = buildSnapshot(inputs({}, { measurements: { ...M, bms: null } }));
    expect(s.soc).toBeNull();
  });

  test('warns when the inverter has no watchdog', () => {
    expect(buildSnapshot(inputs({}, { hasWatchdog: false })).warnings).toEqual([
      NO_WATCHDOG_WARNING,
    ]);
  });

  test('warns while the EMS controls a device whose watchdog returns it to its own dispatch', () => {
    const deviceDefault = { onWatchdogExpiry: 'deviceDefault' } as const;
    for (const state of ['STANDBY', 'SELF_CONSUMPTION', 'FAULT'] as const) {
      expect(buildSnapshot(inputs({ state }, deviceDefault)).warnings).toEqual([
        DEVICE_DEFAULT_EXPIRY_WARNING,
      ]);
    }
    // In STOP the EMS has let go of the device: nothing of its to warn about.
    expect(buildSnapshot(inputs({ state: 'STOP' }, deviceDefault)).warnings).toEqual([]);
    const zero = { onWatchdogExpiry: 'zero' } as const;
    expect(buildSnapshot(inputs({ state: 'SELF_CONSUMPTION' }, zero)).warnings).toEqual([]);
  });

  test('carries the core state, faults and external setpoint with its remaining time', () => {
    const s = buildSnapshot(
      inputs({
        state: 'EXTERNAL_CONTROL',
        mode: 'EXTERNAL',
        setpointW: 1499.6,
        external: { watts: 1500, expiresAt: NOW + 4260, source: 'scada' },
        activeFaults: [{ code: 'BMS_COMM_LOSS', message: 'BMS silent', since: WALL_EPOCH }],
        needsAck: true,
      }),
    );
    expect(s).toMatchObject({
      state: 'EXTERNAL_CONTROL',
      mode: 'EXTERNAL',
      setpointW: 1500,
      external: { watts: 1500, remainingS: 4.3, source: 'scada' },
      needsAck: true,
    });
    expect(s.faults).toEqual([
      { code: 'BMS_COMM_LOSS', message: 'BMS silent', since: '2024-01-01T00:00:00.000Z' },
    ]);
  });

  test('an expired external setpoint shows 0 s remaining, never a negative time', () => {
    const s = buildSnapshot(
      inputs({ external: { watts: 100, expiresAt: NOW - 5000, source: 'x' } }),
    );
    expect(s.external?.remainingS).toBe(0);
  });
});

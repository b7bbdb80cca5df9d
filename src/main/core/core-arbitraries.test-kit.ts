import fc from 'fast-check';
import type { EmsCommand } from '../../shared/commands';
import { RUN_MODES } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import { bmsReading, TEST_CONFIG } from './core.test-kit';
import type { BmsReading, Measurements } from './measurements';

/**
 * fast-check arbitraries for the core's property tests: hostile numbers, measurements of
 * any freshness, site configurations and commands (valid and malformed). Only tests import this.
 */

/** Any number, including NaN, infinities, huge and tiny values. */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer({ min: -20_000, max: 20_000 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -1e308, 0, -0),
);

const plausible = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.double({ min, max, noNaN: true }) },
    { weight: 1, arbitrary: anyNumber },
  );

const bmsArb: fc.Arbitrary<BmsReading> = fc
  .record({
    socPct: plausible(0, 100),
    voltageV: plausible(40, 60),
    chargeCurrentLimitA: plausible(0, 200),
    dischargeCurrentLimitA: plausible(0, 200),
    chargeEnabled: fc.boolean(),
    dischargeEnabled: fc.boolean(),
    alarms: fc.oneof(
      { weight: 8, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(fc.string(), { minLength: 1, maxLength: 2 }) },
    ),
  })
  .map((b) => bmsReading(b));

/** Sample age, ms: mostly fresh, sometimes stale or stamped in the future. */
const age: fc.Arbitrary<number> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 900 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5000, max: 10_000 }) },
);

/** One step's inputs, relative to the step's time so the time can be chosen later. */
export interface StepInput {
  readonly gapMs: number;
  readonly gridW: number | null;
  readonly inverterW: number | null;
  readonly inverterSoc: number | null;
  readonly bms: BmsReading | null;
  readonly ages: readonly [number, number, number];
}

/** Inputs of one step: time gap since the last one (sometimes backwards) and the site values. */
export const stepInputArb: fc.Arbitrary<StepInput> = fc.record({
  gapMs: fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 0, max: 1500 }) },
    { weight: 1, arbitrary: fc.integer({ min: -500, max: 20_000 }) },
  ),
  gridW: fc.option(plausible(-20_000, 20_000), { freq: 12 }),
  inverterW: fc.option(plausible(-10_000, 10_000), { freq: 12 }),
  inverterSoc: fc.option(plausible(0, 100), { freq: 6 }),
  bms: fc.option(bmsArb, { freq: 12 }),
  ages: fc.tuple(age, age, age),
});

/** The measurements of a step input at time `now`. */
export function measurementsOf(i: StepInput, now: number): Measurements {
  return {
    grid: i.gridW === null ? null : { value: i.gridW, at: now - i.ages[0] },
    inverter:
      i.inverterW === null
        ? null
        : { value: { activePowerW: i.inverterW, socPct: i.inverterSoc }, at: now - i.ages[1] },
    bms: i.bms === null ? null : { value: i.bms, at: now - i.ages[2] },
  };
}

/** Site configurations, including broken numbers in the power limits. */
export const configArb: fc.Arbitrary<CoreConfig> = fc
  .record({
    inverterMaxChargeW: plausible(0, 10_000),
    inverterMaxDischargeW: plausible(0, 10_000),
    socMinPct: fc.double({ min: 0, max: 40, noNaN: true }),
    socMaxPct: fc.double({ min: 60, max: 100, noNaN: true }),
    socHysteresisPct: fc.double({ min: 0, max: 5, noNaN: true }),
    gridImportLimitW: fc.option(plausible(0, 10_000)),
    gridExportLimitW: fc.option(plausible(0, 10_000)),
    rampWPerS: plausible(0, 100_000),
    deadbandW: plausible(0, 500),
    hasBms: fc.boolean(),
    autoResume: fc.boolean(),
  })
  .map((c): CoreConfig => ({ ...TEST_CONFIG, ...c }));

/** Valid commands with random fields, and malformed ones. */
export const commandArb: fc.Arbitrary<EmsCommand> = fc.oneof(
  fc.constant({ type: 'start' } as const),
  fc.constant({ type: 'stop' } as const),
  fc.constant({ type: 'acknowledgeFault' } as const),
  fc.constantFrom(...RUN_MODES).map((mode) => ({ type: 'setMode', mode }) as const),
  anyNumber.map((watts) => ({ type: 'setOverridePower', watts }) as const),
  anyNumber.map((watts) => ({ type: 'setGridTarget', watts }) as const),
  fc
    .record({
      watts: plausible(-6000, 6000),
      ttlSeconds: fc.option(plausible(0, 400), { nil: undefined }),
    })
    .map((c) => ({ type: 'setExternalSetpoint', ...c }) as const),
  fc.anything().map((x) => x as EmsCommand),
);

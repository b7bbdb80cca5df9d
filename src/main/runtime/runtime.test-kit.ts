import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../core/core-config';
import type { BmsReading, Sample } from '../core/measurements';
import type { Clock, Scheduler } from '../../shared/clock';
import type { VirtualTime } from '../../shared/virtual-time.test-kit';
import { nodeVirtualTime } from '../util/node-virtual-time.test-kit';
import type { BmsPort, InverterPort, MeterPort } from './device-ports';
import { EmsRuntime } from './ems-runtime';

/**
 * In-memory devices for the runtime's tests. They play the site's hardware: the test sets
 * what they answer (a value, an error, a promise that never settles) and reads back what
 * the runtime did to them. They are not the unit under test; EmsRuntime is.
 */

/** A promise that never settles: a device that stopped answering. */
export const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** How a fake device answers its next calls: at once, never, with an error, or after a delay. */
export type Answer = 'ok' | 'hang' | Error | { readonly delayMs: number };

function answer<T>(time: Scheduler, how: Answer, value: () => T): Promise<T> {
  if (how === 'hang') return never<T>();
  if (how instanceof Error) return Promise.reject(how);
  if (how === 'ok') return Promise.resolve(value());
  return new Promise<T>((resolve) => time.timeout(() => resolve(value()), how.delayMs));
}

/** A grid meter the test controls. */
export interface FakeMeter extends MeterPort {
  gridW: number;
  readAnswer: Answer;
  reads: number;
  closed: boolean;
}

/**
 * Creates a meter reading `gridW` (positive = import); a delayed answer waits on `time`. Its
 * update counter is the read count: a live meter with a fresh sample on every read, so the
 * core never takes a steady test value for a frozen meter (METER_STALE).
 */
export function fakeMeter(time: Scheduler, gridW = 0): FakeMeter {
  const m: FakeMeter = {
    label: 'meter test:1',
    gridW,
    readAnswer: 'ok',
    reads: 0,
    closed: false,
    read: () => {
      m.reads++;
      return answer(time, m.readAnswer, () => ({ gridW: m.gridW, updateCounter: m.reads }));
    },
    close: () => {
      m.closed = true;
      return Promise.resolve();
    },
  };
  return m;
}

/** A battery inverter the test controls; it records every setpoint written. */
export interface FakeInverter extends InverterPort {
  activePowerW: number;
  socPct: number | null;
  readAnswer: Answer;
  writeAnswer: Answer;
  prepareAnswer: Answer;
  /** Setpoints whose write succeeded, W. */
  readonly writes: number[];
  /** Clock time of each successful write, ms. */
  readonly writeTimes: number[];
  /** Every writeSetpoint call, including failed and hanging ones, W. */
  readonly writeCalls: number[];
  prepares: number;
  closed: boolean;
}

/** Creates an inverter at `activePowerW` with a watchdog of `watchdogTimeoutS` (null: none). */
export function fakeInverter(
  clock: Clock & Scheduler,
  watchdogTimeoutS: number | null = 30,
  activePowerW = 0,
): FakeInverter {
  const inv: FakeInverter = {
    label: 'inverter test:2',
    watchdogTimeoutS,
    activePowerW,
    socPct: 50,
    readAnswer: 'ok',
    writeAnswer: 'ok',
    prepareAnswer: 'ok',
    writes: [],
    writeTimes: [],
    writeCalls: [],
    prepares: 0,
    closed: false,
    read: () =>
      answer(clock, inv.readAnswer, () => ({ activePowerW: inv.activePowerW, socPct: inv.socPct })),
    prepare: () => {
      inv.prepares++;
      return answer(clock, inv.prepareAnswer, () => undefined);
    },
    writeSetpoint: (watts) => {
      inv.writeCalls.push(watts);
      return answer(clock, inv.writeAnswer, () => {
        inv.writes.push(watts);
        inv.writeTimes.push(clock.now());
      });
    },
    close: () => {
      inv.closed = true;
      return Promise.resolve();
    },
  };
  return inv;
}

/** A healthy pack: generous current limits, both directions enabled. */
export const HEALTHY_BMS: BmsReading = {
  socPct: 60,
  sohPct: 99,
  voltageV: 52,
  currentA: 0,
  temperatureC: 22,
  chargeCurrentLimitA: 100,
  dischargeCurrentLimitA: 100,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: [],
};

/** A BMS the test controls: `reading` is stamped with the clock's time unless `frozenAt` is set. */
export interface FakeBms extends BmsPort {
  reading: BmsReading | null;
  frozenAt: number | null;
  error: string | null;
  closed: boolean;
}

/** Creates a BMS that delivers `reading` fresh on every look. */
export function fakeBms(clock: Clock, reading: BmsReading | null = HEALTHY_BMS): FakeBms {
  const b: FakeBms = {
    label: 'BMS test',
    reading,
    frozenAt: null,
    error: null,
    closed: false,
    latest: (): Sample<BmsReading> | null =>
      b.reading === null ? null : { value: b.reading, at: b.frozenAt ?? clock.now() },
    lastError: () => b.error,
    close: () => {
      b.closed = true;
      return Promise.resolve();
    },
  };
  return b;
}

/** Wall-clock epoch of the test clock, ms (2024-01-01T00:00:00Z). */
export const WALL_EPOCH = Date.UTC(2024, 0, 1);

/** Core settings of the runtime tests: no BMS (SOC from the inverter), defaults otherwise. */
export const RUNTIME_TEST_CONFIG: CoreConfig = { ...DEFAULT_CORE_CONFIG, hasBms: false };

/** Poll interval of the runtime tests, ms. */
export const POLL_MS = 250;

/** A runtime on fake devices, with what it logged. */
export interface RuntimeRig {
  readonly runtime: EmsRuntime;
  /** The runtime's time, starting at 0 (wall: WALL_EPOCH); the test moves it with runFor. */
  readonly clock: VirtualTime;
  readonly meter: FakeMeter;
  readonly inverter: FakeInverter;
  readonly bms: FakeBms | null;
  readonly logs: string[];
}

/** Options of {@link makeRig}. */
export interface RigOptions {
  readonly config?: CoreConfig;
  readonly gridW?: number;
  readonly watchdogTimeoutS?: number | null;
  readonly withBms?: boolean;
}

/** Builds a runtime on fresh fake devices and its own virtual time. */
export function makeRig(options: RigOptions = {}): RuntimeRig {
  const clock = nodeVirtualTime({ wallEpochMs: WALL_EPOCH });
  const meter = fakeMeter(clock, options.gridW ?? 0);
  const inverter = fakeInverter(
    clock,
    options.watchdogTimeoutS === undefined ? 30 : options.watchdogTimeoutS,
  );
  const bms = options.withBms === true ? fakeBms(clock) : null;
  const config = options.config ?? {
    ...RUNTIME_TEST_CONFIG,
    hasBms: options.withBms === true,
  };
  const logs: string[] = [];
  const runtime = new EmsRuntime({
    config,
    site: { id: 'test', name: 'Test site' },
    pollIntervalMs: POLL_MS,
    meter,
    inverter,
    bms,
    clock,
    log: (line) => logs.push(line),
  });
  return { runtime, clock, meter, inverter, bms, logs };
}

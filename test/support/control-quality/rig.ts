import type { CoreConfig } from '../../../src/main/core/core-config';
import { createBmsLink } from '../../../src/main/devices/can/bms-link';
import { createMemoryCanBus } from '../../../src/main/devices/can/memory-can-bus';
import { InverterDriver } from '../../../src/main/devices/modbus/drivers/inverter-driver';
import { MeterDriver } from '../../../src/main/devices/modbus/drivers/meter-driver';
import { loadProfile } from '../../../src/main/devices/modbus/profile/profile-loader';
import { ProfiledDevice } from '../../../src/main/devices/modbus/drivers/profiled-device';
import { embeddedSiteFile } from '../../../src/main/hosts/embedded-site';
import { bmsPortFromLink } from '../../../src/main/runtime/bms-port';
import { EmsRuntime } from '../../../src/main/runtime/ems-runtime';
import { EmsService } from '../../../src/main/service/ems-service';
import { startBmsCanEmitter } from '../../../src/main/sim/bms-can-emitter';
import { inverterBank, meterBank } from '../../../src/main/sim/device-banks';
import { scenarioSiteOptions, type DayScenario } from '../../../src/main/sim/scenarios';
import { SiteModel } from '../../../src/main/sim/site-model';
import { sunspecInverterDevice } from '../../../src/main/sim/sunspec-sim-inverter';
import { siteFileSchema, type SiteFile } from '../../../src/main/site/site-schema';
import { siteToCoreConfig } from '../../../src/main/site/site-to-core-config';
import { BankTransport, type BankLinkTiming } from './bank-transport';
import type { TimeSource } from '../../../src/shared/clock';

/**
 * The built-in simulated site wired exactly as the headless host wires it (the site file,
 * its core config, the profile drivers for meter and inverter, the BMS on an in-memory CAN
 * bus through the Pylontech codec, EmsRuntime, optionally the UI's EmsService), with two
 * substitutions: Modbus over TCP becomes {@link BankTransport} on the simulator's register
 * banks, and every clock reading and timer runs on the virtual time passed in.
 */

/** Link timing of the simulated devices. */
export interface RigTiming {
  readonly meter: BankLinkTiming;
  readonly inverter: BankLinkTiming;
  /** Period of the BMS's CAN frames, ms. */
  readonly bmsFramePeriodMs: number;
}

/**
 * Realistic timing on a LAN: a meter with a 100 ms register refresh answering in 20 ms, an
 * inverter answering in 30 ms, a Pylontech-style BMS sending once a second.
 */
export const DEFAULT_RIG_TIMING: RigTiming = {
  meter: { roundTripMs: 20, refreshMs: 100 },
  inverter: { roundTripMs: 30, refreshMs: null },
  bmsFramePeriodMs: 1000,
};

/** Options of {@link buildRig}. */
export interface RigOptions {
  readonly scenario: DayScenario;
  /** Time of day the site starts at, s after midnight (default midnight). */
  readonly startTimeOfDayS?: number;
  /** Settings of the site file's control block that differ from its defaults. */
  readonly control?: Partial<SiteFile['control']>;
  readonly timing?: RigTiming;
  /**
   * Serve the inverter as the simulator's SunSpec device (models 1, 103, 124) with this
   * coupling, read through this built-in profile, instead of sim-inverter on its own map.
   * A profile that does not match the coupling is allowed: tests show what goes wrong.
   */
  readonly sunspecInverter?: { readonly coupling: 'ac' | 'hybrid'; readonly profile: string };
  /** Also run the UI's service (history ring, throttled pushes) with one subscriber. */
  readonly withService?: boolean;
  /** Operator log lines; dropped by default. */
  readonly log?: (line: string) => void;
  /**
   * Called with the site brought to every multiple of `tickMs` in turn, so figures are taken
   * on a fixed tick without a timer of their own: the site only changes when something
   * advances it, and everything advances it through the rig.
   */
  readonly tick?: { readonly everyMs: number; readonly onTick: (atMs: number) => void };
}

/** A running site with its EMS on virtual time. */
export interface Rig {
  readonly model: SiteModel;
  readonly runtime: EmsRuntime;
  readonly service: EmsService | null;
  readonly config: CoreConfig;
  readonly pollIntervalMs: number;
  /** Brings the site to the current virtual time (taking the ticks on the way). */
  catchUp(): void;
  /** Write transactions the inverter received (setpoints with their heartbeat, watchdog setup). */
  inverterWrites(): number;
  /** Pushes the service delivered to its subscriber. */
  pushes(): number;
  /** Safe stop of the runtime, then the simulator's timers; resolves true when 0 W was confirmed. */
  stop(): Promise<boolean>;
}

/** The embedded site file with the given control settings. */
export function rigSiteFile(control: Partial<SiteFile['control']> = {}): SiteFile {
  const embedded = embeddedSiteFile({ meter: 502, inverter: 503 });
  return siteFileSchema.parse({ ...embedded, control: { ...embedded.control, ...control } });
}

/** Builds the site at virtual time `time.now()` and starts the EMS in SELF_CONSUMPTION. */
export async function buildRig(time: TimeSource, options: RigOptions): Promise<Rig> {
  const timing = options.timing ?? DEFAULT_RIG_TIMING;
  const log = options.log ?? ((): void => undefined);
  const site = rigSiteFile(options.control);
  const config = siteToCoreConfig(site);
  const model = new SiteModel(
    scenarioSiteOptions(options.scenario, time.now(), options.startTimeOfDayS ?? 0),
  );
  const tick = options.tick;
  let nextTickAt = time.now() + (tick?.everyMs ?? 0);
  const catchUp = (): void => {
    const now = time.now();
    if (tick !== undefined) {
      for (; nextTickAt <= now; nextTickAt += tick.everyMs) {
        model.advance(nextTickAt);
        tick.onTick(nextTickAt);
      }
    }
    model.advance(now);
  };

  const [meterProfile, inverterProfile] = await Promise.all([
    loadProfile(site.meter.profile),
    loadProfile(options.sunspecInverter?.profile ?? site.inverter.profile),
  ]);
  const sunspec = options.sunspecInverter;
  const meter = new MeterDriver(
    new ProfiledDevice(
      meterProfile,
      new BankTransport('meter sim', meterBank(meterProfile, model), time, timing.meter, catchUp),
    ),
  );
  const inverterTransport = new BankTransport(
    'inverter sim',
    sunspec === undefined
      ? inverterBank(inverterProfile, model, () => time.now())
      : sunspecInverterDevice(model, () => time.now(), sunspec.coupling).bank,
    time,
    timing.inverter,
    catchUp,
  );
  const inverter = new InverterDriver(new ProfiledDevice(inverterProfile, inverterTransport));

  const bus = createMemoryCanBus({ clock: time });
  const simSide = bus.endpoint('simulated-bms');
  const emsSide = bus.endpoint('ems');
  await simSide.open();
  const emitter = startBmsCanEmitter(
    simSide,
    () => {
      catchUp();
      return model.battery.bmsReading();
    },
    { periodMs: timing.bmsFramePeriodMs, scheduler: time, onError: log },
  );
  const link = createBmsLink(emsSide, { clock: time, onError: log });
  await link.open();

  const runtime = new EmsRuntime({
    config,
    site: { id: 'bench', name: site.name },
    pollIntervalMs: site.control.pollIntervalMs,
    meter,
    inverter,
    bms: bmsPortFromLink(link),
    clock: time,
    log,
  });
  let pushes = 0;
  const service = options.withService === true ? new EmsService({ runtime, clock: time }) : null;
  service?.subscribe(() => pushes++);
  runtime.start();
  for (const command of [
    { type: 'start' } as const,
    { type: 'setMode', mode: 'SELF_CONSUMPTION' } as const,
  ]) {
    const r = runtime.command(command);
    if (!r.ok) throw new Error(`rig: ${command.type} rejected: ${r.reason}`);
  }
  return {
    model,
    runtime,
    service,
    config,
    pollIntervalMs: site.control.pollIntervalMs,
    catchUp,
    inverterWrites: () => inverterTransport.writes,
    pushes: () => pushes,
    stop: async () => {
      const confirmed = await runtime.safeStop();
      service?.dispose();
      emitter.stop();
      await simSide.close();
      return confirmed;
    },
  };
}

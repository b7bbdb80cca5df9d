import { createBmsLink } from '../../src/main/devices/can/bms-link';
import { createMemoryCanBus } from '../../src/main/devices/can/memory-can-bus';
import { InverterDriver } from '../../src/main/devices/modbus/drivers/inverter-driver';
import { MeterDriver } from '../../src/main/devices/modbus/drivers/meter-driver';
import { ProfiledDevice } from '../../src/main/devices/modbus/drivers/profiled-device';
import { loadProfile } from '../../src/main/devices/modbus/profile/profile-loader';
import { commissioningChecks } from '../../src/main/hosts/commissioning-checks';
import { embeddedSiteFile } from '../../src/main/hosts/embedded-site';
import { unavailableStore } from '../../src/main/recording/unavailable-store';
import { bmsPortFromLink } from '../../src/main/runtime/bms-port';
import { EmsRuntime } from '../../src/main/runtime/ems-runtime';
import { signedMeter } from '../../src/main/runtime/signed-meter';
import { EmsService } from '../../src/main/service/ems-service';
import { startBmsCanEmitter } from '../../src/main/sim/bms-can-emitter';
import { inverterBank, meterBank } from '../../src/main/sim/device-banks';
import type { InverterOptions } from '../../src/main/sim/inverter-model';
import { SiteModel } from '../../src/main/sim/site-model';
import { sunspecInverterDevice } from '../../src/main/sim/sunspec-sim-inverter';
import { siteFileSchema, type SiteFile } from '../../src/main/site/site-schema';
import { siteToCoreConfig } from '../../src/main/site/site-to-core-config';
import type { VirtualTime } from '../../src/shared/virtual-time.test-kit';
import { BankTransport, type BankLinkTiming } from './control-quality/bank-transport';

/**
 * The commissioning checks against the simulator on virtual time: the simulator's register
 * banks (its own inverter model, with the ramp, dead time, watchdog and revert the test
 * sets), the real profiles and drivers, the real runtime, core, check runner and service,
 * the BMS through the Pylontech codec on an in-memory CAN bus. Only TCP is replaced by the
 * bank transport, so a 60 s watchdog check runs in well under a second of test time.
 */

const METER: BankLinkTiming = { roundTripMs: 20, refreshMs: 100 };
const INVERTER: BankLinkTiming = { roundTripMs: 30, refreshMs: null };

/** Options of {@link buildChecksRig}. */
export interface ChecksRigOptions {
  /** The simulated inverter's dynamics and revert. */
  readonly inverter: Partial<InverterOptions>;
  /** Serve the SunSpec inverter with this coupling and profile instead of sim-inverter. */
  readonly sunspec?: { readonly coupling: 'ac' | 'hybrid'; readonly profile: string };
  /** The site file's meter.powerSign. */
  readonly meterPowerSign?: 1 | -1;
  /** Site control settings over the embedded site's (grid limits, SOC window, ...). */
  readonly control?: Readonly<Record<string, unknown>>;
  /** A simulated meter mounted the wrong way round (its reading negated on the wire). */
  readonly meterReversed?: boolean;
}

/** A running site in STANDBY with its EMS, checks and service. */
export interface ChecksRig {
  readonly model: SiteModel;
  readonly runtime: EmsRuntime;
  readonly service: EmsService;
  readonly site: SiteFile;
  stop(): Promise<boolean>;
}

/** Builds the site at `time.now()`, starts the EMS and waits until it is in STANDBY. */
export async function buildChecksRig(time: VirtualTime, o: ChecksRigOptions): Promise<ChecksRig> {
  const embedded = embeddedSiteFile({ meter: 502, inverter: 503 });
  const site = siteFileSchema.parse({
    ...embedded,
    meter: {
      ...embedded.meter,
      ...(o.meterPowerSign === undefined ? {} : { powerSign: o.meterPowerSign }),
    },
    ...(o.sunspec === undefined
      ? {}
      : { inverter: { ...embedded.inverter, profile: o.sunspec.profile } }),
    ...(o.control === undefined ? {} : { control: { ...embedded.control, ...o.control } }),
  });
  const config = siteToCoreConfig(site);
  const model = new SiteModel({
    startAt: time.now(),
    seed: 7,
    startTimeOfDayS: 12 * 3600,
    inverter: o.inverter,
  });
  const catchUp = (): void => model.advance(time.now());
  const [meterProfile, inverterProfile] = await Promise.all([
    loadProfile(site.meter.profile),
    loadProfile(site.inverter.profile),
  ]);
  // A reversed CT: the simulated meter writes its power with the opposite sign of the
  // profile the EMS reads it with.
  const served: typeof meterProfile =
    o.meterReversed === true && meterProfile.meter !== undefined
      ? {
          ...meterProfile,
          meter: {
            ...meterProfile.meter,
            powerSign: meterProfile.meter.powerSign === 1 ? -1 : 1,
          },
        }
      : meterProfile;
  const meterBankSigned = meterBank(served, model);
  const meter = new MeterDriver(
    new ProfiledDevice(
      meterProfile,
      new BankTransport('meter sim', meterBankSigned, time, METER, catchUp),
    ),
  );
  const bank =
    o.sunspec === undefined
      ? inverterBank(inverterProfile, model, () => time.now())
      : sunspecInverterDevice(model, () => time.now(), o.sunspec.coupling).bank;
  const inverter = new InverterDriver(
    new ProfiledDevice(
      inverterProfile,
      new BankTransport('inverter sim', bank, time, INVERTER, catchUp),
    ),
  );
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
    { periodMs: 1000, scheduler: time, onError: () => undefined },
  );
  const link = createBmsLink(emsSide, { clock: time, onError: () => undefined });
  await link.open();
  const bms = bmsPortFromLink(link);
  const runtime = new EmsRuntime({
    config,
    site: { id: 'checks', name: site.name },
    pollIntervalMs: site.control.pollIntervalMs,
    meter: signedMeter(meter, site.meter.powerSign),
    inverter,
    bms,
    clock: time,
    log: () => undefined,
  });
  const checks = commissioningChecks({
    runtime,
    time,
    site,
    siteFile: null,
    siteId: 'checks',
    config,
    profiles: { meter: meterProfile, inverter: inverterProfile },
    bms,
    bmsProtocol: 'pylontech-v1.3',
    recording: unavailableStore(':memory:', 'not recorded in this test'),
    log: () => undefined,
  });
  const service = new EmsService({ runtime, clock: time, tools: { checks } });
  runtime.start();
  runtime.command({ type: 'start' });
  for (
    let i = 0;
    i < 100 &&
    !Object.values(runtime.snapshot().links).every((l) => l === null || l.health === 'ok');
    i++
  )
    await time.runFor(250);
  return {
    model,
    runtime,
    service,
    site,
    // Safe stop waits on the virtual clock: time moves while it runs.
    stop: async () => {
      checks.runner.dispose();
      const stopping = runtime.safeStop();
      await time.runFor(3000);
      const confirmed = await stopping;
      service.dispose();
      emitter.stop();
      await simSide.close();
      return confirmed;
    },
  };
}

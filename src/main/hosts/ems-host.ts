import type { TimeSource } from '../../shared/clock';
import type { CommandResult } from '../../shared/commands';
import type { RunMode } from '../../shared/ems-names';
import type { RecordingStore } from '../recording';
import { CanMonitor } from '../commissioning/can-monitor';
import type { CommissioningStateFile } from '../config/commissioning-state';
import type { ServiceTokens } from '../commissioning/commissioning-tools';
import { EmsService } from '../service/ems-service';
import type { SiteHandlers } from '../service/site-handlers';
import { sessionRecorder } from '../service/session-recorder';
import { InverterDriver } from '../devices/modbus/drivers/inverter-driver';
import { MeterDriver } from '../devices/modbus/drivers/meter-driver';
import { ProfiledDevice } from '../devices/modbus/drivers/profiled-device';
import { ModbusLinkFactory } from '../devices/modbus/wire/modbus-link-factory';
import { loadProfile } from '../devices/modbus/profile/profile-loader';
import { EmsRuntime } from '../runtime/ems-runtime';
import { signedMeter } from '../runtime/signed-meter';
import { localDay } from '../runtime/energy-integrator';
import { HistoryRing } from '../runtime/history-ring';
import type { SimulatedSite } from '../sim/sim-site';
import { siteIdentity } from '../site/site-identity';
import type { SiteFile } from '../site/site-schema';
import { siteToCoreConfig } from '../site/site-to-core-config';
import { embeddedParts, fileParts, unverifiedProfileWarning } from './site-parts';
import { consoleDevices } from './console-devices';
import { openSessionRecording, shareModbusLink } from './host-tools';
import { commissioningChecks } from './commissioning-checks';
import { keepEnergySaved, restoredEnergy, restoreHistory } from './host-history';

/** How a host starts the EMS. */
export interface EmsHostOptions {
  /** A site file; null runs the built-in simulated site in-process. */
  readonly siteFile: string | null;
  /** Start the EMS and request this mode; null leaves it in STOP. */
  readonly mode: RunMode | null;
  /** Operator log lines. */
  readonly log: (line: string) => void;
  /** The process's one real time (createRealTime), passed to everything that reads it or waits. */
  readonly time: TimeSource;
  /** "headless", "electron"... recorded with the session. Default "headless". */
  readonly hostKind?: string;
  /**
   * The session database; default sessions.sqlite in the app's config folder (EMS_CONFIG_DIR
   * respected); null records nothing (recordingStatus then says so).
   */
  readonly recordingPath?: string | null;
  /** The host's API token, for tokenInfo/rotateToken (also settable later: service.useTokens). */
  readonly tokens?: ServiceTokens | null;
  /** Remembers a meter sign change per site across restarts; absent: for this run only. */
  readonly commissioningState?: CommissioningStateFile;
  /** The managed-site requests (the site switcher's); refused when absent. */
  readonly sites?: SiteHandlers;
  /** The desktop app's report PDF save (Electron printToPDF); absent in the headless host. */
  readonly savePdf?: (
    html: string,
    siteName: string,
  ) => Promise<{ saved: boolean; path: string | null }>;
}

/** A running EMS with its devices (and the embedded simulator when there is no site file). */
export interface EmsHost {
  readonly site: SiteFile;
  readonly runtime: EmsRuntime;
  /** The in-process simulator; null on a real site. */
  readonly sim: SimulatedSite | null;
  /** The contract service over the runtime, with the commissioning tools; transports share it. */
  readonly service: EmsService;
  /** The session recording (available: false when better-sqlite3 or the file failed). */
  readonly recording: RecordingStore;
  /** Safe stop: 0 W written and confirmed (bounded), links closed, simulator stopped. */
  stop(): Promise<boolean>;
}

/**
 * Builds and starts the EMS: devices from the site file (or the embedded simulator), the
 * runtime loop, then `start` and the requested mode. Rejects with a one-line error when the
 * site or a profile is unusable; an unreachable device is not an error here (the link
 * reports it and the core faults after its grace time).
 */
export async function startEmsHost(options: EmsHostOptions): Promise<EmsHost> {
  const { time } = options;
  const parts = options.siteFile
    ? await fileParts(options.siteFile, options.log, time)
    : await embeddedParts(options.log, time);
  try {
    const { site } = parts;
    const [meterProfile, inverterProfile] = await Promise.all([
      loadProfile(site.meter.profile, parts.baseDir),
      loadProfile(site.inverter.profile, parts.baseDir),
    ]);
    // One factory per host: a meter and an inverter on one RS-485 port share its bus.
    const links = new ModbusLinkFactory(time);
    // Each link is shared by the control loop and the tools; the loop's requests go first.
    const shared = {
      meter: shareModbusLink(links.create('meter', site.meter)),
      inverter: shareModbusLink(links.create('inverter', site.inverter)),
    };
    const meter = new MeterDriver(new ProfiledDevice(meterProfile, shared.meter.loop.transport));
    const inverter = new InverterDriver(
      new ProfiledDevice(inverterProfile, shared.inverter.loop.transport),
    );
    const config = siteToCoreConfig(site);
    if (!config.hasBms && !inverterProfile.inverter?.socPoint) {
      options.log(
        `warning: site has no BMS and profile "${inverterProfile.name}" has no SOC point: the battery will not be driven (SOC unknown)`,
      );
    }
    // The store opens first: the runtime starts from today's saved energy counters.
    const recording = await openSessionRecording(
      options.recordingPath,
      { siteName: site.name, hostKind: options.hostKind ?? 'headless' },
      options.log,
      time,
    );
    const identity = siteIdentity(options.siteFile, site.name);
    const runtime = new EmsRuntime({
      config,
      site: identity,
      energyRestored: restoredEnergy(recording, identity.id, localDay(time.wallNow()), options.log),
      pollIntervalMs: site.control.pollIntervalMs,
      meter: signedMeter(meter, site.meter.powerSign),
      inverter,
      bms: parts.bms,
      clock: time,
      log: options.log,
      warnings: [
        ...unverifiedProfileWarning('meter', meterProfile),
        ...unverifiedProfileWarning('inverter', inverterProfile),
      ],
    });
    const canMonitor = parts.can
      ? new CanMonitor(parts.can.transport, parts.can.profile, { clock: time })
      : null;
    // Commissioning checks and report (issue 12).
    const checks = commissioningChecks({
      runtime,
      time,
      site,
      siteFile: options.siteFile,
      siteId: identity.id,
      ...(options.commissioningState === undefined
        ? {}
        : {
            commissioningState: options.commissioningState,
            signChangedAt: await options.commissioningState.meterSignChangedAt(identity.id),
          }),
      config,
      profiles: { meter: meterProfile, inverter: inverterProfile },
      identities: { meter: () => meter.device.identity, inverter: () => inverter.device.identity },
      bms: parts.bms,
      bmsProtocol: parts.can?.profile.name ?? null,
      recording,
      log: options.log,
      ...(options.savePdf === undefined ? {} : { savePdf: options.savePdf }),
    });
    const history = new HistoryRing();
    restoreHistory(recording, history, time.wallNow(), options.log);
    const stopEnergySaves = keepEnergySaved(
      recording,
      identity.id,
      () => runtime.energyToday(),
      time,
      options.log,
    );
    const service = new EmsService({
      runtime,
      clock: time,
      history,
      tools: {
        recording,
        canMonitor,
        modbus: consoleDevices(
          site,
          shared,
          { meter: meter.device, inverter: inverter.device },
          time,
        ),
        tokens: options.tokens ?? null,
        checks,
      },
      onCommand: (record) => recording.recordCommand(record),
      ...(options.sites === undefined ? {} : { sites: options.sites }),
    });
    service.subscribe(sessionRecorder(recording));
    runtime.start();
    if (options.mode) {
      for (const command of [
        { type: 'start' } as const,
        { type: 'setMode', mode: options.mode } as const,
      ]) {
        const reply = await service.handle(
          'command',
          { command },
          { authorised: true, source: 'cli' },
        );
        const r: CommandResult = reply.ok
          ? (reply.result as CommandResult)
          : { ok: false, reason: reply.error };
        options.log(
          `${command.type}: ${r.ok ? (r.pending ?? 'accepted') : `rejected: ${r.reason}`}`,
        );
      }
    }
    return {
      site,
      runtime,
      sim: parts.sim,
      service,
      recording,
      stop: async () => {
        checks.runner.dispose();
        const confirmed = await runtime.safeStop();
        stopEnergySaves();
        canMonitor?.dispose();
        service.dispose();
        recording.close();
        await parts.sim?.stop();
        return confirmed;
      },
    };
  } catch (err) {
    await parts.bms?.close();
    await parts.sim?.stop();
    throw err;
  }
}

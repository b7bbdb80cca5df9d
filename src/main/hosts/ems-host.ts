import type { TimeSource } from '../../shared/clock';
import type { CommandResult } from '../../shared/commands';
import type { RunMode } from '../../shared/ems-names';
import type { BmsCanProfile } from '../devices/can/bms-can-profile';
import type { CanTransport } from '../devices/can/can-transport';
import { DEFAULT_BMS_CAN_PROFILE } from '../devices/can/pylontech-protocol';
import type { RecordingStore } from '../recording';
import { CanMonitor } from '../commissioning/can-monitor';
import type { CommissioningStateFile } from '../config/commissioning-state';
import type { ServiceTokens } from '../commissioning/commissioning-tools';
import { EmsService } from '../service/ems-service';
import type { SiteHandlers } from '../service/site-handlers';
import { sessionRecorder } from '../service/session-recorder';
import { createBmsLink } from '../devices/can/bms-link';
import { loadBmsCanProfile } from '../devices/can/bms-profile-loader';
import { createCanTransport } from '../devices/can/can-transport-factory';
import { createMemoryCanBus } from '../devices/can/memory-can-bus';
import { InverterDriver } from '../devices/modbus/drivers/inverter-driver';
import { MeterDriver } from '../devices/modbus/drivers/meter-driver';
import { ProfiledDevice } from '../devices/modbus/drivers/profiled-device';
import { ModbusLinkFactory } from '../devices/modbus/wire/modbus-link-factory';
import { loadProfile } from '../devices/modbus/profile/profile-loader';
import { bmsPortFromLink } from '../runtime/bms-port';
import type { BmsPort } from '../runtime/device-ports';
import { EmsRuntime } from '../runtime/ems-runtime';
import { signedMeter } from '../runtime/signed-meter';
import { localDay } from '../runtime/energy-integrator';
import { HistoryRing } from '../runtime/history-ring';
import { startSimulatedSite, type SimulatedSite } from '../sim/sim-site';
import { siteIdentity } from '../site/site-identity';
import { loadSiteFile, SiteFileError, type LoadedSite } from '../site/site-loader';
import type { SiteFile } from '../site/site-schema';
import { siteToCoreConfig } from '../site/site-to-core-config';
import { embeddedSiteFile } from './embedded-site';
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

interface SiteParts {
  readonly site: SiteFile;
  readonly baseDir: string;
  readonly sim: SimulatedSite | null;
  readonly bms: BmsPort | null;
  /** The BMS's CAN transport and profile, for the CAN monitor; null without a BMS. */
  readonly can: { readonly transport: CanTransport; readonly profile: BmsCanProfile } | null;
}

async function embeddedParts(log: (line: string) => void, time: TimeSource): Promise<SiteParts> {
  const bus = createMemoryCanBus({ clock: time });
  const simSide = bus.endpoint('simulated-bms');
  const emsSide = bus.endpoint('ems');
  await simSide.open();
  const sim = await startSimulatedSite({
    ports: { meter: 0, inverter: 0 },
    bms: { transport: simSide },
    time,
    onError: (m) => log(`simulator: ${m}`),
  });
  const ports = { meter: sim.ports.meter ?? 0, inverter: sim.ports.inverter ?? 0 };
  const link = createBmsLink(emsSide, { clock: time, onError: (m) => log(`BMS: ${m}`) });
  await link.open();
  log(
    `simulated site on 127.0.0.1: meter port ${ports.meter}, inverter port ${ports.inverter}, BMS on the in-memory CAN bus`,
  );
  return {
    site: embeddedSiteFile(ports),
    baseDir: process.cwd(),
    sim,
    bms: bmsPortFromLink(link),
    can: { transport: emsSide, profile: DEFAULT_BMS_CAN_PROFILE },
  };
}

/** The BMS of a site file: its profile, its transport and a link (opened; it retries by itself). */
async function fileBms(
  loaded: LoadedSite,
  log: (line: string) => void,
  time: TimeSource,
): Promise<Pick<SiteParts, 'bms' | 'can'>> {
  const bms = loaded.site.bms;
  if (bms === undefined) return { bms: null, can: null };
  if (bms.transport.type === 'memory') {
    throw new SiteFileError(
      `site file ${loaded.path}: bms.transport: "memory" exists only on the built-in simulated site`,
    );
  }
  const profile = await loadBmsCanProfile(bms.profile, loaded.baseDir);
  const transport = createCanTransport(bms.transport, loaded.baseDir, { clock: time });
  const link = createBmsLink(transport, {
    profile,
    clock: time,
    onError: (m) => log(`BMS: ${m}`),
  });
  await link.open();
  log(
    `BMS on ${transport.name} speaking ${profile.name}${link.stats().open ? '' : ' (not open yet, retrying)'}`,
  );
  return { bms: bmsPortFromLink(link), can: { transport, profile } };
}

async function fileParts(
  path: string,
  log: (line: string) => void,
  time: TimeSource,
): Promise<SiteParts> {
  const loaded = await loadSiteFile(path);
  const { bms, can } = await fileBms(loaded, log, time);
  return { site: loaded.site, baseDir: loaded.baseDir, sim: null, bms, can };
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

/**
 * The warning for a profile written from public sources and not yet checked on a device:
 * its registers may be wrong, so the operator sees it as long as the site runs on it.
 */
function unverifiedProfileWarning(
  role: string,
  profile: { name: string; verified: boolean; unconfirmed: readonly string[] },
): string[] {
  if (profile.verified) return [];
  const points = profile.unconfirmed.length;
  return [
    `Unverified profile: ${role} "${profile.name}" was written from public sources and not checked on a device` +
      (points > 0
        ? ` (${points} unconfirmed point${points === 1 ? '' : 's'}; see docs/device-profiles.md).`
        : '.'),
  ];
}

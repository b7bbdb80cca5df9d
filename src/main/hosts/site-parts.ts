import type { TimeSource } from '../../shared/clock';
import type { BmsCanProfile } from '../devices/can/bms-can-profile';
import { createBmsLink } from '../devices/can/bms-link';
import { loadBmsCanProfile } from '../devices/can/bms-profile-loader';
import type { CanTransport } from '../devices/can/can-transport';
import { createCanTransport } from '../devices/can/can-transport-factory';
import { createMemoryCanBus } from '../devices/can/memory-can-bus';
import { DEFAULT_BMS_CAN_PROFILE } from '../devices/can/pylontech-protocol';
import { bmsPortFromLink } from '../runtime/bms-port';
import type { BmsPort } from '../runtime/device-ports';
import { startSimulatedSite, type SimulatedSite } from '../sim/sim-site';
import { loadSiteFile, SiteFileError, type LoadedSite } from '../site/site-loader';
import type { SiteFile } from '../site/site-schema';
import { embeddedSiteFile } from './embedded-site';

/**
 * The parts of a site a host starts before its Modbus devices: the site file (or the
 * built-in simulated site), where relative paths resolve from, the simulator when embedded,
 * and the BMS with its CAN transport. ems-host.ts builds the EMS on them.
 */

/** What a host runs a site with, besides the Modbus devices: the site file and its BMS. */
export interface SiteParts {
  readonly site: SiteFile;
  readonly baseDir: string;
  readonly sim: SimulatedSite | null;
  readonly bms: BmsPort | null;
  /** The BMS's CAN transport and profile, for the CAN monitor; null without a BMS. */
  readonly can: { readonly transport: CanTransport; readonly profile: BmsCanProfile } | null;
}

/** The built-in simulated site: the simulator in-process, its BMS on an in-memory CAN bus. */
export async function embeddedParts(
  log: (line: string) => void,
  time: TimeSource,
): Promise<SiteParts> {
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

/** A site file's parts: the file loaded and checked, its BMS link opened. */
export async function fileParts(
  path: string,
  log: (line: string) => void,
  time: TimeSource,
): Promise<SiteParts> {
  const loaded = await loadSiteFile(path);
  const { bms, can } = await fileBms(loaded, log, time);
  return { site: loaded.site, baseDir: loaded.baseDir, sim: null, bms, can };
}

/**
 * The warning for a profile written from public sources and not yet checked on a device:
 * its registers may be wrong, so the operator sees it as long as the site runs on it.
 */
export function unverifiedProfileWarning(
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

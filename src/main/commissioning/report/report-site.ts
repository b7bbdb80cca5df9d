import type { SiteFile } from '../../site/site-schema';
import type { ReportDevice } from './report-data';
import type { ReportSite } from './report-service';

/** A profile's name and verified flag. */
export interface ProfileFlags {
  readonly name: string;
  readonly verified: boolean;
}

/** The profile as the site names it, with its own name where that differs. */
function profileText(ref: string, flags: ProfileFlags): string {
  return flags.name === ref ? ref : `${ref} (${flags.name})`;
}

function addressOf(d: SiteFile['meter']): string {
  if (d.serial !== undefined) return `${d.serial.device} (RTU)`;
  return `${d.host ?? '?'}:${d.port ?? 502}${d.framing === 'rtu' ? ' (RTU over TCP)' : ''}`;
}

/** The report's view of a site file: devices with their profiles, and the control settings. */
export function reportSite(
  id: string,
  site: SiteFile,
  profiles: { readonly meter: ProfileFlags; readonly inverter: ProfileFlags },
  appVersion: string,
): ReportSite {
  const devices: ReportDevice[] = [
    {
      role: 'meter',
      address: addressOf(site.meter),
      unitId: site.meter.unitId,
      profile: profileText(site.meter.profile, profiles.meter),
      verified: profiles.meter.verified,
      identity: null,
    },
    {
      role: 'inverter',
      address: addressOf(site.inverter),
      unitId: site.inverter.unitId,
      profile: profileText(site.inverter.profile, profiles.inverter),
      verified: profiles.inverter.verified,
      identity: null,
    },
  ];
  if (site.bms !== undefined) {
    const t = site.bms.transport as Record<string, unknown>;
    const where = ['type', 'interface', 'channel', 'host', 'port', 'path', 'device']
      .filter((k) => t[k] !== undefined)
      .map((k) => `${k} ${String(t[k])}`)
      .join(', ');
    devices.push({
      role: 'bms',
      address: where,
      unitId: null,
      profile: site.bms.profile,
      verified: null,
      identity: null,
    });
  }
  const c = site.control;
  return {
    id,
    name: site.name,
    devices,
    settings: {
      'meter.powerSign': site.meter.powerSign ?? 1,
      'inverter.ratedChargeW': site.inverter.ratedChargeW,
      'inverter.ratedDischargeW': site.inverter.ratedDischargeW,
      'control.gridTargetW': c.gridTargetW,
      'control.socMinPct': c.socMinPct,
      'control.socMaxPct': c.socMaxPct,
      'control.rampWPerS': c.rampWPerS,
      'control.deadbandW': c.deadbandW,
      'control.gridImportLimitW': c.gridImportLimitW,
      'control.gridExportLimitW': c.gridExportLimitW,
      'control.pollIntervalMs': c.pollIntervalMs,
      'control.missedPolls': c.missedPolls,
      'control.autoResume': c.autoResume,
    },
    appVersion,
  };
}

import { loadBmsCanProfile } from '../devices/can/bms-profile-loader';
import { loadProfile } from '../devices/modbus/profile/profile-loader';
import { loadSiteFile, SiteFileError } from '../site/site-loader';
import type { SiteFile } from '../site/site-schema';

/**
 * Loads what a site needs before the running site is let go: the file and every profile it
 * names. A switch to a site that cannot start is refused here, while the old site still runs,
 * rather than found out after its inverter was stopped. Unreachable devices are not checked:
 * their links report them once the site runs, as at launch.
 */
export async function preflightSite(path: string): Promise<SiteFile> {
  const loaded = await loadSiteFile(path);
  const { site, baseDir } = loaded;
  if (site.bms?.transport.type === 'memory') {
    throw new SiteFileError(
      `site file ${path}: bms.transport: "memory" exists only on the built-in simulated site`,
    );
  }
  await Promise.all([
    loadProfile(site.meter.profile, baseDir),
    loadProfile(site.inverter.profile, baseDir),
    ...(site.bms === undefined ? [] : [loadBmsCanProfile(site.bms.profile, baseDir)]),
  ]);
  return site;
}

import { join } from 'node:path';
import { appConfigDir } from '../config/config-dir';
import {
  COMMISSIONING_STATE_FILE_NAME,
  CommissioningStateFile,
} from '../config/commissioning-state';
import { SiteStore } from '../config/site-store';
import { BUILT_IN_SITE_ID } from '../../shared/site-ids';
import { startEmsHost, type EmsHostOptions } from './ems-host';
import { SiteSwitcher } from './site-switcher';

/** Options of {@link startSiteHost}: a host's EMS options, and how it was started. */
export interface SiteHostOptions extends Omit<EmsHostOptions, 'siteFile' | 'sites'> {
  /** `--site FILE`: run this file instead of a stored site. */
  readonly siteFile: string | null;
  /** `--sim`: the built-in simulated site, whichever site was active last. */
  readonly sim?: boolean;
  /** The config folder holding `sites/`; the app's own by default (EMS_CONFIG_DIR respected). */
  readonly configDir?: string;
}

/**
 * Which site a host opens: `--site FILE` when given; else the built-in simulated site with
 * `--sim`; else the site active last (from the config folder); else the built-in one, so a
 * fresh machine still runs the simulated site. Returns a site file, or null for the built-in.
 */
export async function initialSiteFile(
  store: SiteStore,
  opts: Pick<SiteHostOptions, 'siteFile' | 'sim' | 'log'>,
): Promise<string | null> {
  if (opts.siteFile !== null) return opts.siteFile;
  if (opts.sim === true) return null;
  const id = await store.activeId();
  if (id === null || id === BUILT_IN_SITE_ID) return null;
  if (await store.has(id)) {
    opts.log(`opening the site active last: ${id}`);
    return store.pathOf(id);
  }
  opts.log(`the site active last (${id}) is no longer stored; running the built-in simulated site`);
  return null;
}

/**
 * Starts a host's EMS with managed sites: the site store in the config folder, the first site
 * (see initialSiteFile; control starts only with `mode`, the command line's --mode), and the
 * switcher that the transports talk to.
 */
export async function startSiteHost(opts: SiteHostOptions): Promise<SiteSwitcher> {
  const { siteFile: _file, sim: _sim, configDir, ...hostOptions } = opts;
  const dir = configDir ?? appConfigDir();
  const store = new SiteStore({ configDir: dir, log: opts.log });
  // One state file for every site the switcher starts: a sign change outlives a restart.
  const commissioningState = new CommissioningStateFile(
    join(dir, COMMISSIONING_STATE_FILE_NAME),
    opts.log,
  );
  const first = await initialSiteFile(store, opts);
  return SiteSwitcher.start(
    {
      store,
      log: opts.log,
      startSite: (siteFile, mode, sites) =>
        startEmsHost({ ...hostOptions, siteFile, mode, sites, commissioningState }),
    },
    first,
    opts.mode,
  );
}

import type { SiteFile } from '../site/site-schema';
import { siteFileSchema } from '../site/site-schema';

/** The built-in simulated site's name (top bar, site list). */
export const BUILT_IN_SITE_NAME = 'Built-in simulated site';

/** Size of the built-in simulator's inverter, W; the embedded site file and the simulator agree on it. */
export const EMBEDDED_INVERTER_RATING_W = 5000;

/**
 * The site file of the built-in simulated site: meter and inverter on the ports the
 * in-process simulator bound, the BMS on the in-memory CAN bus.
 */
export function embeddedSiteFile(ports: { meter: number; inverter: number }): SiteFile {
  return siteFileSchema.parse({
    name: BUILT_IN_SITE_NAME,
    meter: { host: '127.0.0.1', port: ports.meter, unitId: 1, profile: 'sim-meter' },
    inverter: {
      host: '127.0.0.1',
      port: ports.inverter,
      unitId: 1,
      profile: 'sim-inverter',
      ratedChargeW: EMBEDDED_INVERTER_RATING_W,
      ratedDischargeW: EMBEDDED_INVERTER_RATING_W,
    },
    bms: { transport: { type: 'memory' } },
  });
}

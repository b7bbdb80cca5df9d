import type { RequestHandlers } from './request-handlers';

/** The managed-site requests (docs/sites.md). */
export const SITE_METHODS = [
  'listSites',
  'getSite',
  'createSite',
  'updateSite',
  'duplicateSite',
  'importSite',
  'exportSite',
  'deleteSite',
  'activateSite',
] as const;
/** A managed-site request. */
export type SiteMethod = (typeof SITE_METHODS)[number];

/**
 * The handlers of the site requests. The host that can switch sites provides them (it owns
 * the site store and the running site); the service only routes to them.
 */
export type SiteHandlers = Pick<RequestHandlers, SiteMethod>;

/** Site handlers for a service whose host does not manage sites: each says so. */
export function noSiteHandlers(): SiteHandlers {
  const refuse = (): never => {
    throw new Error('this host does not manage sites (it runs one site given at start)');
  };
  return Object.fromEntries(SITE_METHODS.map((m) => [m, refuse])) as unknown as SiteHandlers;
}

import { basename, extname } from 'node:path';
import { BUILT_IN_SITE_ID } from '../../shared/site-ids';
import type { SiteIdentity } from '../../shared/snapshot';

export { BUILT_IN_SITE_ID };

/**
 * Which site the EMS runs, for the operator: the site file's name without folder and
 * extension as the id, and the `name` inside it; "built-in" for the embedded simulated site.
 */
export function siteIdentity(siteFile: string | null, name: string): SiteIdentity {
  if (siteFile === null) return { id: BUILT_IN_SITE_ID, name };
  const file = basename(siteFile);
  return { id: file.slice(0, file.length - extname(file).length) || file, name };
}

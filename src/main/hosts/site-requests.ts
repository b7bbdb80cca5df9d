import { BUILT_IN_SITE_ID } from '../../shared/site-ids';
import type { SiteActivation, SiteListEntry } from '../../shared/site-views';
import { SiteNotFoundError, type SiteStore } from '../config/site-store';
import { RequestRefusal } from '../service/request-refusal';
import type { SiteHandlers } from '../service/site-handlers';
import { BUILT_IN_SITE_NAME } from './embedded-site';

/** What the site requests need of the running site (the SiteSwitcher). */
export interface ActiveSite {
  activeId(): string;
  changedSinceActivation(): Promise<boolean>;
  activate(id: string, oldInverterMayRun: boolean): Promise<SiteActivation>;
}

/** Runs `work`, turning "no such site" into a not-found refusal (REST 404). */
async function known<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SiteNotFoundError) throw new RequestRefusal('not-found', err.message);
    throw err;
  }
}

/** Refuses the requests that would change the built-in site, which has no file. */
function notBuiltIn(id: string, what: string): void {
  if (id === BUILT_IN_SITE_ID)
    throw new RequestRefusal('conflict', `the built-in simulated site cannot be ${what}`);
}

/**
 * The managed-site requests over the site store and the running site. Params arrive
 * validated by the contract table (a site file by the site schema). Editing the running
 * site's file changes the file only: the running site keeps what it was started with until
 * it is activated again, and the list says so (`changedSinceActivation`).
 */
export function siteRequestHandlers(store: SiteStore, active: ActiveSite): SiteHandlers {
  const isActive = (id: string): boolean => active.activeId() === id;
  const changed = async (id: string): Promise<boolean> =>
    isActive(id) && (await active.changedSinceActivation());
  return {
    listSites: async () => {
      const stored = await store.list();
      const builtIn: SiteListEntry = {
        id: BUILT_IN_SITE_ID,
        name: BUILT_IN_SITE_NAME,
        active: isActive(BUILT_IN_SITE_ID),
        builtIn: true,
        problem: null,
        changedSinceActivation: false,
      };
      const entries = await Promise.all(
        stored.map(async (s) => ({
          ...s,
          active: isActive(s.id),
          builtIn: false,
          changedSinceActivation: await changed(s.id),
        })),
      );
      return [builtIn, ...entries];
    },
    getSite: ({ id }) =>
      known(async () => {
        notBuiltIn(id, 'shown as a file (it has none)');
        const site = await store.get(id);
        return { id, active: isActive(id), changedSinceActivation: await changed(id), site };
      }),
    createSite: async ({ site }) => ({ id: await store.create(site) }),
    updateSite: ({ id, site }) =>
      known(async () => {
        notBuiltIn(id, 'edited');
        await store.update(id, site);
        return { id };
      }),
    duplicateSite: ({ id, name }) =>
      known(async () => {
        notBuiltIn(id, 'duplicated (create a site instead)');
        return { id: await store.duplicate(id, name) };
      }),
    importSite: async ({ text, fileName }) => ({
      id: await store.importText(text, fileName ?? 'imported file'),
    }),
    exportSite: ({ id }) =>
      known(async () => {
        notBuiltIn(id, 'exported (it has no file)');
        return store.exportText(id);
      }),
    deleteSite: ({ id }) =>
      known(async () => {
        notBuiltIn(id, 'deleted');
        if (isActive(id))
          throw new RequestRefusal(
            'conflict',
            `site "${id}" is active: switch to another site before deleting it`,
          );
        await store.delete(id);
        return { id };
      }),
    activateSite: ({ id, oldInverterMayRun }) =>
      known(() => active.activate(id, oldInverterMayRun === true)),
  };
}

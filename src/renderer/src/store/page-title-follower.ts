import type { StoreApi } from 'zustand';
import { pageTitle } from '../format/page-title';
import type { EmsStore } from './ems-store';

/**
 * Keeps the window title on the running site: set from the first snapshot and again whenever
 * a snapshot names another site (a site switch), not on every 10 Hz push. Started beside the
 * store, outside React. Returns the unsubscribe function.
 */
export function followPageTitle(store: StoreApi<EmsStore>, target: { title: string }): () => void {
  let shown: string | null = null;
  const apply = (state: EmsStore): void => {
    // A stale snapshot still names the site: only a switch changes it, and the next one says so.
    const title = pageTitle(state.snapshot?.site.name ?? null);
    if (title === shown) return;
    shown = title;
    target.title = title;
  };
  apply(store.getState());
  return store.subscribe(apply);
}

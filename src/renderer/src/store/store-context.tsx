import { createContext, useContext, type JSX, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { EmsStore } from './ems-store';

const StoreContext = createContext<StoreApi<EmsStore> | null>(null);

/** Makes the store available to the screens below. */
export function StoreProvider(props: {
  store: StoreApi<EmsStore>;
  children: ReactNode;
}): JSX.Element {
  return <StoreContext.Provider value={props.store}>{props.children}</StoreContext.Provider>;
}

/**
 * Reads a narrow slice of the store; the component re-renders only when that slice
 * changes (by identity), which keeps the 10 Hz snapshot away from the charts.
 */
export function useEms<T>(selector: (state: EmsStore) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useEms outside StoreProvider');
  return useStore(store, selector);
}

/** The store itself, for reading state at the moment of a click (exports) without subscribing. */
export function useEmsStoreApi(): StoreApi<EmsStore> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useEmsStoreApi outside StoreProvider');
  return store;
}

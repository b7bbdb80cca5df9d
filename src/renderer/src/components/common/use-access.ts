import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { getEmsBridge } from '../../bridge/ems-bridge';
import { createAccessStore, type Access, type AccessStore } from '../../store/access-store';

let store: StoreApi<AccessStore> | null = null;

/** The page's one access store, started on first use (over the page's bridge). */
export function accessStore(): StoreApi<AccessStore> {
  if (store) return store;
  const bridge = getEmsBridge();
  store = createAccessStore(bridge.api, bridge.connection);
  store.getState().start();
  return store;
}

/** Whether this page may use controls and tools (see access-store.ts). */
export function useAccess(): Access {
  return useStore(accessStore(), (s) => s.access);
}

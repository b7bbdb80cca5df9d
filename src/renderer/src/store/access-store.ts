import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EmsApi } from '../../../shared/contract';
import type { ConnectionSignal } from '../bridge/connection-signal';
import { errorText } from './mirror';

/**
 * Whether this page may use the controls and tools, as main says (`getAccess`). A browser
 * that has not paired shows the live view, trends and faults read-only and asks for pairing
 * where a control or tool would be; the desktop window (IPC) is always authorised. Asked
 * again on every reconnection, since a session can end meanwhile (expiry, token rotation,
 * host restart).
 */

/** `unknown` until main answered; `read-only` for a browser that is not paired. */
export type Access = 'unknown' | 'read-only' | 'authorised';

/** The access state and how to refresh it. */
export interface AccessStore {
  readonly access: Access;
  /** Why the last check failed; null once one worked. */
  readonly error: string | null;
  /** Asks main again; resolves once the answer is in the store. */
  refresh: () => Promise<void>;
  /** Checks now and after every reconnection; returns the function that stops it. */
  start: () => () => void;
}

/** Creates the access store over the page's API and connection signal. */
export function createAccessStore(
  api: Pick<EmsApi, 'getAccess'>,
  connection: ConnectionSignal,
): StoreApi<AccessStore> {
  let asked = 0;
  return createStore<AccessStore>()((set, get) => ({
    access: 'unknown',
    error: null,
    refresh: async () => {
      // A slow answer to an older question must not overwrite a newer one.
      const mine = ++asked;
      try {
        const { authorised } = await api.getAccess();
        if (mine === asked) set({ access: authorised ? 'authorised' : 'read-only', error: null });
      } catch (err) {
        if (mine === asked) set({ error: errorText(err) });
      }
    },
    start: () => {
      void get().refresh();
      return connection.subscribe((state) => {
        if (state === 'connected') void get().refresh();
      });
    },
  }));
}

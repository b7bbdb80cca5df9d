import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ScanDeviceView, ScanProgressView, ScanView } from '../../../shared/scan-views';

/**
 * The renderer's last scan, outside the Find devices screen so that it outlives it: the
 * site form offers its units ("Use a found device"), and a result row can open a new site
 * with one of them (the draft the Sites screen picks up).
 */

/** The scan as the screen shows it. */
export interface ScanProgress {
  readonly scanId: string;
  readonly probed: number;
  readonly total: number;
  readonly done: boolean;
  readonly stopped: string | null;
  readonly found: readonly ScanDeviceView[];
}

/** A found unit to open a new site with, in this role. */
export interface SiteDraft {
  readonly role: 'meter' | 'inverter';
  readonly device: ScanDeviceView;
}

/** The store's state. */
export interface ScanState {
  readonly progress: ScanProgress | null;
  readonly draft: SiteDraft | null;
}

/** The store (one per page). */
export const scanStore: StoreApi<ScanState> = createStore<ScanState>()(() => ({
  progress: null,
  draft: null,
}));

/** A new scan, nothing found yet. */
export function startedScan(scanId: string, total: number): ScanProgress {
  return { scanId, probed: 0, total, done: false, stopped: null, found: [] };
}

const same = (a: ScanDeviceView, b: ScanDeviceView): boolean =>
  a.host === b.host && a.port === b.port && a.unitId === b.unitId;

/**
 * The scan after a progress push (a push of another scan leaves it as it is). A unit already
 * listed is not added again: the list may have been read back while its push was on the way.
 */
export function withProgress(old: ScanProgress | null, p: ScanProgressView): ScanProgress | null {
  if (old === null || old.scanId !== p.scanId) return old;
  const found = p.found;
  return {
    ...old,
    probed: p.probed,
    total: p.total,
    done: p.done,
    stopped: p.stopped,
    found: found && !old.found.some((d) => same(d, found)) ? [...old.found, found] : old.found,
  };
}

/** The scan as read back whole (the found units in address order). */
export function withScanView(old: ScanProgress | null, v: ScanView): ScanProgress | null {
  if (old?.scanId !== v.scanId) return old;
  return { ...old, ...v };
}

/** Reads a slice of the scan store. */
export function useScanStore<T>(selector: (s: ScanState) => T): T {
  return useStore(scanStore, selector);
}

/**
 * The store when recording cannot run (the native module does not load, the file cannot be
 * opened): the app keeps working, the UI shows `reason`, and every call is a harmless no-op.
 */
import type { RecordingStore } from './recording-store-api';

/** A store that records nothing and reads nothing, saying why. */
export function unavailableStore(path: string, reason: string): RecordingStore {
  const nothing = (): void => undefined;
  return {
    available: false,
    reason,
    path,
    startSession: () => null,
    endSession: nothing,
    recordSnapshot: nothing,
    recordCommand: nothing,
    recordEvent: nothing,
    recordFault: nothing,
    flush: () => null,
    prune: () => 0,
    close: nothing,
    status: () => ({
      available: false,
      reason,
      path,
      open: false,
      sessionId: null,
      buffered: 0,
      dropped: 0,
      rejected: 0,
      recoveredSessions: 0,
      lastFlushAt: null,
      lastError: null,
    }),
    listSessions: () => [],
    sessionSnapshots: () => [],
    sessionEvents: () => [],
    sessionCommands: () => [],
    faultLog: () => [],
    recentEvents: () => [],
    saveEnergyDay: () => false,
    energyDay: () => null,
    exportCsv: function* () {
      // Nothing recorded, nothing to export.
    },
    saveReport: () => null,
    latestReport: () => null,
  };
}

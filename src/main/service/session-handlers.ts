import {
  MAX_SESSION_EXPORT_BYTES,
  type RecordingStatusView,
  type SessionCsv,
  type SessionExportKind,
  type SessionView,
} from '../../shared/commissioning-views';
import type { RecordingStore } from '../recording';
import { CommissioningError } from '../commissioning/commissioning-tools';

/** The recording store's status as the UI shows it. */
export function recordingStatusView(store: RecordingStore | null | undefined): RecordingStatusView {
  if (!store) return { available: false, reason: 'this host does not record sessions', path: '' };
  return { available: store.available, reason: store.reason, path: store.path };
}

function requireStore(store: RecordingStore | null | undefined): RecordingStore {
  if (!store || !store.available)
    throw new CommissioningError(
      `session recording is unavailable: ${recordingStatusView(store).reason ?? 'unknown reason'}`,
    );
  return store;
}

/** Every recorded session, newest first. */
export function listSessionViews(store: RecordingStore | null | undefined): SessionView[] {
  return requireStore(store)
    .listSessions()
    .map((s) => ({
      id: s.id,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      siteName: s.siteName,
      endedUnexpectedly: s.endedUnexpectedly,
    }));
}

/**
 * One table of a session as CSV, read chunk by chunk and refused (naming the limit) as soon
 * as it grows past `maxBytes`, so a huge session never fills main's memory.
 */
export function exportSessionCsv(
  store: RecordingStore | null | undefined,
  sessionId: number,
  what: SessionExportKind,
  maxBytes = MAX_SESSION_EXPORT_BYTES,
): SessionCsv {
  const s = requireStore(store);
  if (!s.listSessions().some((row) => row.id === sessionId))
    throw new CommissioningError(`no session ${sessionId}`);
  const chunks: string[] = [];
  let bytes = 0;
  for (const chunk of s.exportCsv(what, sessionId)) {
    bytes += Buffer.byteLength(chunk, 'utf8');
    if (bytes > maxBytes)
      throw new CommissioningError(
        `session ${sessionId} ${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: too big to export here; copy the database file instead`,
      );
    chunks.push(chunk);
  }
  return { filename: `session-${sessionId}-${what}.csv`, csv: chunks.join('') };
}

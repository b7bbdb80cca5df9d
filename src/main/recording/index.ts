/**
 * Session recording: every snapshot (one per second), command, event and fault-log entry of a
 * session, persisted in SQLite, browsable after a restart and exportable as CSV. See
 * docs/session-recording.md.
 */
export { openRecordingStore } from './recording-store';
export type { RecordingStore } from './recording-store-api';
export {
  unrefIntervalScheduler,
  type IntervalScheduler,
  type RecordingStoreOptions,
} from './recording-options';
export type { SqliteLoader } from './native-loader';
export { snapshotRecordOf, eventRecordOf, faultRecordOf } from './record-adapters';
export { DEFAULT_RETENTION_DAYS } from './retention';
export { DEFAULT_ROW_LIMIT, MAX_ROW_LIMIT } from './store-reader';
export { csvField, csvLine } from './csv-format';
export * from './recording-types';

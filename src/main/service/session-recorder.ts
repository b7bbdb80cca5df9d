import type { PushEnvelope } from '../../shared/contract';
import type { FaultLogView } from '../../shared/fault-view';
import { eventRecordOf, faultRecordOf, snapshotRecordOf, type RecordingStore } from '../recording';

/** How many fault-log entries are remembered as already recorded. */
const SEEN_LIMIT = 4096;

const keyOf = (e: FaultLogView): string => `${e.time}|${e.code}|${e.kind}`;

/**
 * A push listener that records a session: snapshots (the store keeps one a second), events,
 * and each fault-log entry once (the faultLog push carries the whole log every time).
 * Commands are recorded in the service's command path, where the source is known.
 */
export function sessionRecorder(store: RecordingStore): (push: PushEnvelope) => void {
  const seen = new Set<string>();
  return (push) => {
    switch (push.topic) {
      case 'snapshot':
        store.recordSnapshot(snapshotRecordOf(push.payload as PushEnvelope<'snapshot'>['payload']));
        return;
      case 'event':
        store.recordEvent(eventRecordOf(push.payload as PushEnvelope<'event'>['payload']));
        return;
      case 'faultLog':
        for (const entry of push.payload as readonly FaultLogView[]) {
          const key = keyOf(entry);
          if (seen.has(key)) continue;
          seen.add(key);
          if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
          store.recordFault(faultRecordOf(entry));
        }
        return;
      default:
        return;
    }
  };
}

import type { EmsSnapshot } from '../../../../shared/snapshot';
import { isSnapshotCurrent, selectSnapshot } from '../../store/selectors';
import { useEms } from '../../store/store-context';
import { useNow } from './use-now';

/** The snapshot and whether it is live right now (see isSnapshotCurrent). */
export interface LiveSnapshot {
  readonly snapshot: EmsSnapshot | null;
  readonly current: boolean;
}

/** Reads the snapshot with its liveness; re-checks every second when pushes stop. */
export function useLiveSnapshot(): LiveSnapshot {
  const snapshot = useEms(selectSnapshot);
  const connection = useEms((s) => s.connection);
  const snapshotAt = useEms((s) => s.snapshotAt);
  // The tick only re-renders; the age is taken now, since a push may be newer than the tick.
  useNow(1000);
  return { snapshot, current: isSnapshotCurrent({ connection, snapshotAt }, Date.now()) };
}

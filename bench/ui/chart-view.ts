import type { HistoryBucket } from '../../src/shared/history';

/** A chart under test: draws a window's closed buckets, synchronously where it can. */
export interface ChartView {
  /** Draws `buckets` (oldest first) of a window whose buckets are `bucketMs` long. */
  draw(buckets: readonly HistoryBucket[], bucketMs: number): void;
  destroy(): void;
}

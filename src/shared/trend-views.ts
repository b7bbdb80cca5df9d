import { z } from 'zod';
import { historyBucketSchema } from './core-result-schemas';
import { describes } from './describes';
import type { EventView } from './fault-view';
import type { HistoryBucket } from './history';

/**
 * What the Trends screen and "Latest events" read from the session store: a recorded
 * session's trend, and the newest events whatever run of the EMS they happened in.
 */

/** The most events one getRecentEvents answers. */
export const RECENT_EVENTS_MAX = 200;

/** The most buckets a recorded session's trend is drawn with (the bucket grows to fit). */
export const SESSION_HISTORY_MAX_BUCKETS = 1000;

/** A recorded session's trend: min/max buckets like a live window, over the session's span. */
export interface SessionHistoryView {
  readonly sessionId: number;
  /** The span read, ms since the epoch (inclusive). */
  readonly fromT: number;
  readonly toT: number;
  readonly bucketMs: number;
  /** Oldest first; seconds without a recorded snapshot are simply absent. */
  readonly buckets: readonly HistoryBucket[];
  /** Snapshots (seconds) the buckets were made from. */
  readonly samples: number;
}

export const sessionHistorySchema = describes<SessionHistoryView>()(
  z.strictObject({
    sessionId: z.number(),
    fromT: z.number(),
    toT: z.number(),
    bucketMs: z.number(),
    buckets: z.array(historyBucketSchema),
    samples: z.number(),
  }),
);

export const recentEventsSchema = describes<readonly EventView[]>()(
  z.array(
    z.strictObject({
      time: z.string(),
      kind: z.string(),
      message: z.string(),
      code: z.string().optional(),
    }),
  ),
);

/**
 * How the host configures the store, with the defaults and the checks. Time and timers are
 * injected so tests drive the flush and the daily prune by hand instead of sleeping.
 */
import type { SqliteLoader } from './native-loader';
import type { FlushReport } from './recording-types';
import { checkRetentionDays, DEFAULT_RETENTION_DAYS } from './retention';

/**
 * Runs `task` every `periodMs` until the returned function is called. Same shape as the
 * devices' IntervalScheduler, so the host can pass one scheduler to everything.
 */
export type IntervalScheduler = (task: () => void, periodMs: number) => () => void;

/**
 * Node's timers, unref'd: a store left open never keeps a process alive by itself (what is
 * not flushed then is lost, as in a crash).
 */
export const unrefIntervalScheduler: IntervalScheduler = (task, periodMs) => {
  const handle = setInterval(task, periodMs);
  handle.unref();
  return () => clearInterval(handle);
};

/** What `openRecordingStore` takes. Only `path` is required. */
export interface RecordingStoreOptions {
  /** The database file; its folder is created if missing. The host puts it in the config folder. */
  readonly path: string;
  /** Sessions that ended longer ago are deleted at open and daily. Default 30. */
  readonly retentionDays?: number;
  /** Period of the timed flush, ms. Default 1000: a crash loses at most about this much. */
  readonly flushIntervalMs?: number;
  /** Rows buffered at most while the disk refuses them; older ones are dropped. Default 10,000. */
  readonly maxBufferedRows?: number;
  /**
   * SQLite's `synchronous` in WAL mode. NORMAL (default): a process crash loses nothing
   * committed, a power cut may lose recent commits. FULL: each once-a-second commit is synced
   * to the disk too (one fsync per second), so a power cut also loses at most about a second.
   */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** How long a write waits for a lock held by another connection, ms. Default 50. */
  readonly busyTimeoutMs?: number;
  /** Wall clock, ms since the epoch. Default Date.now. */
  readonly now?: () => number;
  /** Timer for the flush and the daily prune. Default `unrefIntervalScheduler`. */
  readonly scheduler?: IntervalScheduler;
  /** Loads better-sqlite3. Default a dynamic import; tests inject one that fails. */
  readonly loader?: SqliteLoader;
  /** Called after each successful flush (for logs, tests, a status line). */
  readonly onFlush?: (report: FlushReport) => void;
}

/** The options with every default applied and every value checked. */
export interface ResolvedRecordingOptions {
  readonly path: string;
  readonly retentionDays: number;
  readonly flushIntervalMs: number;
  readonly maxBufferedRows: number;
  readonly synchronous: 'NORMAL' | 'FULL';
  readonly busyTimeoutMs: number;
  readonly now: () => number;
  readonly scheduler: IntervalScheduler;
  readonly onFlush: ((report: FlushReport) => void) | undefined;
}

function integerFrom(min: number, value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/** Applies the defaults; throws a RangeError naming the first bad option. */
export function resolveRecordingOptions(options: RecordingStoreOptions): ResolvedRecordingOptions {
  if (typeof options.path !== 'string' || options.path.trim() === '') {
    throw new RangeError(
      `path must be the database file's path, got ${JSON.stringify(options.path)}`,
    );
  }
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  checkRetentionDays(retentionDays);
  const synchronous = options.synchronous ?? 'NORMAL';
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
    throw new RangeError(`synchronous must be NORMAL or FULL, got ${String(synchronous)}`);
  }
  return {
    path: options.path,
    synchronous,
    retentionDays,
    flushIntervalMs: integerFrom(1, options.flushIntervalMs ?? 1000, 'flushIntervalMs'),
    maxBufferedRows: integerFrom(1, options.maxBufferedRows ?? 10_000, 'maxBufferedRows'),
    busyTimeoutMs: integerFrom(0, options.busyTimeoutMs ?? 50, 'busyTimeoutMs'),
    now: options.now ?? Date.now,
    scheduler: options.scheduler ?? unrefIntervalScheduler,
    onFlush: options.onFlush,
  };
}

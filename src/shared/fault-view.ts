import type { FaultCode } from './ems-names';
import type { HistorySample } from './history';

/** One fault-log line as the UI, the API and CSV export show it. */
export interface FaultLogView {
  /** ISO 8601 wall-clock time. */
  readonly time: string;
  readonly code: FaultCode;
  readonly kind: 'raised' | 'cleared' | 'acknowledged';
  readonly message: string;
  /** What the EMS last knew at that moment (null = unknown), with ages in ms. */
  readonly measurements: {
    readonly gridW: number | null;
    readonly gridAgeMs: number | null;
    readonly inverterW: number | null;
    readonly inverterAgeMs: number | null;
    readonly socPct: number | null;
    readonly bmsAgeMs: number | null;
    readonly bmsAlarms: readonly string[];
  };
  /** The seconds of trend before the entry (from the ring buffer), for fault inspection. */
  readonly before: readonly HistorySample[];
}

/** An event as pushed to the UI. */
export interface EventView {
  readonly time: string;
  readonly kind: string;
  readonly message: string;
  readonly code?: string;
}

import {
  ModbusExceptionError,
  describeException,
  reasonOf,
} from '../devices/modbus/wire/modbus-errors';
import type { ModbusTransport, RegisterKind } from '../devices/modbus/modbus-transport';
import { checkRequestSpan, readRegisters } from '../devices/modbus/modbus-transport';

/**
 * The connection test of a device: a few sequential reads, timed. An exception reply is a
 * complete round trip (the device is there and answering, it just refuses that register), so
 * its time counts and its code is listed; a timeout or a dropped link has no round-trip time
 * and is counted as a failure with its reason.
 */

/** What to read and how often. */
export interface ConnectionTestOptions {
  /** Reads to make (default 10, 1..1000). */
  readonly reads?: number;
  readonly kind?: RegisterKind;
  /** Register read each time (default 0). */
  readonly address?: number;
  /** Monotonic clock, ms (default performance.now). */
  readonly now?: () => number;
}

/** Round-trip statistics, ms. */
export interface RoundTripStats {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The outcome of a connection test. */
export interface ConnectionTestResult {
  readonly reads: number;
  /** Reads that got a normal reply. */
  readonly ok: number;
  /** Round-trip times of every answered read (normal or exception), ms, in order. */
  readonly samplesMs: readonly number[];
  /** Null when nothing answered. */
  readonly roundTripMs: RoundTripStats | null;
  /** Exception replies by code, with how often each came. */
  readonly exceptions: readonly {
    readonly code: number;
    readonly text: string;
    readonly count: number;
  }[];
  /** Reads without any reply (timeouts, link failures), with their reasons in order. */
  readonly failures: readonly string[];
}

/** Runs the test. Rejects with RangeError only for bad options; device failures are results. */
export async function connectionTest(
  transport: ModbusTransport,
  options: ConnectionTestOptions = {},
): Promise<ConnectionTestResult> {
  const reads = options.reads ?? 10;
  const address = options.address ?? 0;
  const kind = options.kind ?? 'holding';
  const now = options.now ?? ((): number => performance.now());
  if (!Number.isInteger(reads) || reads < 1 || reads > 1000)
    throw new RangeError(`reads must be a whole number 1..1000, got ${reads}`);
  const bad = checkRequestSpan(address, 1, 1);
  if (bad !== null) throw new RangeError(`connection test: ${bad}`);
  const samples: number[] = [];
  const exceptions = new Map<number, number>();
  const failures: string[] = [];
  let ok = 0;
  for (let i = 0; i < reads; i += 1) {
    const start = now();
    try {
      await readRegisters(transport, kind, address, 1);
      samples.push(now() - start);
      ok += 1;
    } catch (err) {
      if (err instanceof ModbusExceptionError) {
        samples.push(now() - start);
        exceptions.set(err.code, (exceptions.get(err.code) ?? 0) + 1);
      } else {
        failures.push(reasonOf(err));
      }
    }
  }
  return {
    reads,
    ok,
    samplesMs: samples,
    roundTripMs: stats(samples),
    exceptions: [...exceptions].map(([code, count]) => ({
      code,
      text: describeException(code),
      count,
    })),
    failures,
  };
}

function stats(samples: readonly number[]): RoundTripStats | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { min: sorted[0] ?? 0, median, max: sorted[sorted.length - 1] ?? 0 };
}

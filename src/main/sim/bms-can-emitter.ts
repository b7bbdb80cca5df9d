import type { Scheduler } from '../../shared/clock';
import type { BmsReading } from '../core/measurements';
import type { BmsCanProfile } from '../devices/can/bms-can-profile';
import { formatCanId } from '../devices/can/can-frame';
import type { CanFrame, CanTransport } from '../devices/can/can-transport';
import { describeError } from '../util/describe-error';
import type { FieldValue } from '../devices/can/can-field-codec';
import { encodeBmsFrames } from '../devices/can/bms-frame-encoder';

/**
 * The simulated battery's CAN voice: every period it encodes the simulator's current BMS
 * reading and sends the whole frame set, as a Pylontech pack does about once a second.
 * `setSilent(true)` stops the frames without stopping the battery, to play a BMS comm loss.
 */

/** Options of {@link startBmsCanEmitter}. */
export interface BmsCanEmitterOptions {
  /** Time between frame sets, ms. Default 1000. */
  readonly periodMs?: number;
  /** Profile to encode with. Default DEFAULT_BMS_CAN_PROFILE (devices/can/pylontech-protocol.ts). */
  readonly profile?: BmsCanProfile;
  /** Manufacturer name sent in the name frame. Default `PYLON`. */
  readonly manufacturer?: string;
  /** Values for fields a reading does not carry (see bms-frame-encoder). */
  readonly extras?: Readonly<Record<string, FieldValue>>;
  /** The timer that paces the frames: the simulator's time. */
  readonly scheduler: Scheduler;
  /** Told about every failed read or send, for the simulator's log. */
  readonly onError?: (message: string) => void;
}

/** Counters of an emitter. */
export interface BmsCanEmitterStats {
  readonly framesSent: number;
  readonly errors: number;
  readonly lastError: string | null;
}

/** A running emitter. */
export interface BmsCanEmitter {
  /** Stops sending for good. */
  stop(): void;
  /** While silent, no frame is sent (the period keeps running). */
  setSilent(silent: boolean): void;
  stats(): BmsCanEmitterStats;
}

/** Default period: Pylontech batteries send each frame about once per second. */
export const DEFAULT_BMS_EMIT_PERIOD_MS = 1000;

/**
 * Starts sending at once and then every period. The transport must already be open.
 * @throws Error when periodMs is not a positive finite number (a setup mistake, not runtime input).
 */
export function startBmsCanEmitter(
  transport: CanTransport,
  read: () => BmsReading,
  options: BmsCanEmitterOptions,
): BmsCanEmitter {
  const periodMs = options.periodMs ?? DEFAULT_BMS_EMIT_PERIOD_MS;
  if (!Number.isFinite(periodMs) || periodMs <= 0) {
    throw new Error(`BMS CAN emitter: periodMs must be a positive number of ms, got ${periodMs}`);
  }
  const { scheduler } = options;
  let silent = false;
  let stopped = false;
  let framesSent = 0;
  let errors = 0;
  let lastError: string | null = null;

  function recordError(action: string, error: unknown): void {
    errors++;
    lastError = `${transport.name}: ${action} failed: ${describeError(error)}`;
    options.onError?.(lastError);
  }

  function emit(): void {
    if (silent || stopped) return;
    let frames: CanFrame[];
    try {
      frames = encodeBmsFrames(read(), options.manufacturer, {
        ...(options.profile ? { table: options.profile } : {}),
        ...(options.extras ? { extras: options.extras } : {}),
      });
    } catch (error) {
      // A broken simulator model must not kill the timer: the EMS would see silence, not a crash.
      recordError('reading the BMS state', error);
      return;
    }
    for (const frame of frames) {
      void transport.send(frame).then(
        () => {
          framesSent++;
        },
        (error: unknown) => recordError(`sending frame ${formatCanId(frame.id)}`, error),
      );
    }
  }

  emit();
  const cancel = scheduler.interval(emit, periodMs);
  return {
    stop(): void {
      stopped = true;
      cancel();
    },
    setSilent(value: boolean): void {
      silent = value;
    },
    stats(): BmsCanEmitterStats {
      return { framesSent, errors, lastError };
    },
  };
}

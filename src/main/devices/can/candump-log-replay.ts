import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { TimeSource } from '../../../shared/clock';
import type { CandumpRecord } from './candump-log';
import { parseCandumpLog } from './candump-log';
import type { CanFrame, CanFrameListener, CanTransport } from './can-transport';
import { describeError } from '../../util/describe-error';
import { createListenerSet } from './listener-set';

/**
 * Replays a `candump -l` capture as if the bus were live: frames keep their recorded spacing
 * (scaled by `speed`), or come as fast as possible with speed 0. Lets a technician run the
 * EMS against a capture from a real battery, and tests reproduce a site's traffic exactly.
 * Frames sent to it (the EMS keepalive) are accepted and dropped: a log has no one to hear them.
 */

/** Options of {@link createCandumpReplayTransport}. */
export interface CandumpReplayOptions {
  /** Path of the log file. */
  readonly file: string;
  /** Time scale: 2 = twice as fast; 0 = as fast as possible. Default 1. */
  readonly speed?: number;
  /** Start again from the top after the last frame. Default false. */
  readonly loop?: boolean;
  /** The runtime's time: receive times (its `now`, ms) and the waits between frames. */
  readonly clock: TimeSource;
}

/** Most frames emitted in one turn of the event loop (speed 0, or catching up), so I/O still runs. */
const BURST = 256;

/**
 * Gap between the last frame and the first of the next loop, s: the period of the first
 * frame's id (a BMS sends its set once a second, so the seam keeps that rhythm); 0 if unknown.
 */
function loopGapS(records: readonly CandumpRecord[]): number {
  const first = records[0];
  if (first === undefined) return 0;
  const same = records.filter(
    (r) => r.frame.id === first.frame.id && r.frame.extended === first.frame.extended,
  );
  const last = same[same.length - 1];
  return same.length > 1 && last !== undefined ? (last.timeS - first.timeS) / (same.length - 1) : 0;
}

/** Creates a replay transport; the log is read and checked when it opens. */
export function createCandumpReplayTransport(options: CandumpReplayOptions): CanTransport {
  const name = `replay:${basename(options.file)}`;
  const { clock } = options;
  const speed = options.speed ?? 1;
  const frames = createListenerSet<Parameters<CanFrameListener>>();
  let cancel: (() => void) | null = null;
  let running = false;

  function play(records: readonly CandumpRecord[]): void {
    const t0 = records[0]?.timeS ?? 0;
    // A one-frame log looped at speed > 0 still needs time to pass between repeats.
    const cycleS = Math.max(
      0.001,
      (records[records.length - 1]?.timeS ?? t0) - t0 + loopGapS(records),
    );
    let index = 0;
    let cycle = 0;
    const startedAt = clock.now();
    const dueAt = (i: number): number =>
      startedAt + (((records[i]?.timeS ?? t0) - t0 + cycle * cycleS) * 1000) / speed;

    const tick = (): void => {
      cancel = null;
      if (!running) return;
      const now = clock.now();
      let burst = 0;
      while (index < records.length && burst < BURST && (speed === 0 || dueAt(index) <= now)) {
        const record = records[index++];
        if (record !== undefined) frames.emit(record.frame, clock.now());
        burst++;
        if (index === records.length && options.loop === true) {
          index = 0;
          cycle++;
        }
      }
      if (index >= records.length) return;
      if (speed === 0 || burst === BURST) {
        const handle = setImmediate(tick);
        cancel = () => clearImmediate(handle);
      } else {
        cancel = clock.timeout(tick, Math.max(0, dueAt(index) - clock.now()));
      }
    };
    tick();
  }

  return {
    name,
    async open(): Promise<void> {
      if (running) return;
      if (!(Number.isFinite(speed) && speed >= 0))
        throw new Error(`${name}: speed must be 0 or more, got ${speed}`);
      let text: string;
      try {
        text = await readFile(options.file, 'utf8');
      } catch (error) {
        throw new Error(`${name}: cannot read ${options.file}: ${describeError(error)}`, {
          cause: error,
        });
      }
      const records = parseCandumpLog(text, options.file);
      running = true;
      play(records);
    },
    send(_frame: CanFrame): Promise<void> {
      return running
        ? Promise.resolve()
        : Promise.reject(new Error(`${name}: cannot send, the transport is not open`));
    },
    onFrame: (listener) => frames.add(listener),
    close(): Promise<void> {
      running = false;
      cancel?.();
      cancel = null;
      return Promise.resolve();
    },
  };
}

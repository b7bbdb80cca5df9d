import {
  MAX_CAN_RECORD_FRAMES,
  type CanFramesView,
  type CanIdRowView,
  type CanRecordingView,
  type CanRecordStartView,
} from '../../shared/can-monitor-view';
import type { TimeSource } from '../../shared/clock';
import type { BmsCanProfile } from '../devices/can/bms-can-profile';
import { formatCandumpLine } from '../devices/can/candump-log';
import {
  createCanMonitorFeed,
  type CanIdActivity,
  type CanMonitorUpdate,
} from '../devices/can/can-monitor-feed';
import type { CanTransport } from '../devices/can/can-transport';
import { decodeBmsFrame } from '../devices/can/bms-frame-decoder';
import { CommissioningError } from './commissioning-error';

/** Options of {@link CanMonitor}. */
export interface CanMonitorOptions {
  /** The host's time: the feed's timer and update times; wall time for recordings and file names. */
  readonly clock: TimeSource;
  /** Most frames one recording keeps (default MAX_CAN_RECORD_FRAMES). */
  readonly maxRecordFrames?: number;
}

/** Interface name written in the candump log, so canplayer and our replay take it as is. */
const LOG_BUS = 'can0';

interface Recording {
  readonly startedAt: number;
  readonly lines: string[];
  dropped: number;
}

const hex = (bytes: readonly number[]): string =>
  bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');

/**
 * The CAN monitor of the commissioning screen: listens to the BMS transport beside the BMS
 * link, condenses the bus with the monitor feed (at most 10 updates a second), decodes each
 * id's latest bytes with the site's BMS profile, and records frames as a candump log on
 * request. It only listens: nothing is ever sent.
 */
export class CanMonitor {
  private readonly listeners = new Set<(view: CanFramesView) => void>();
  private readonly wallNow: () => number;
  private readonly maxRecordFrames: number;
  private recording: Recording | null = null;
  private readonly stopFeed: () => void;
  private readonly unsubscribe: () => void;

  constructor(
    transport: CanTransport,
    private readonly profile: BmsCanProfile,
    options: CanMonitorOptions,
  ) {
    this.wallNow = () => options.clock.wallNow();
    this.maxRecordFrames = options.maxRecordFrames ?? MAX_CAN_RECORD_FRAMES;
    const feed = createCanMonitorFeed((u) => this.publish(u), { clock: options.clock });
    this.stopFeed = () => feed.stop();
    this.unsubscribe = transport.onFrame((frame, at) => {
      feed.accept(frame, at);
      const rec = this.recording;
      if (rec === null) return;
      if (rec.lines.length >= this.maxRecordFrames) rec.dropped += 1;
      else rec.lines.push(formatCandumpLine({ timeS: this.wallNow() / 1000, bus: LOG_BUS, frame }));
    });
  }

  /** Receives every condensed update until the returned function is called. */
  onUpdate(listener: (view: CanFramesView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts keeping frames; refused while a recording runs. */
  recordStart(): CanRecordStartView {
    if (this.recording !== null)
      throw new CommissioningError(
        `already recording since ${new Date(this.recording.startedAt).toISOString()}: stop it first`,
      );
    this.recording = { startedAt: this.wallNow(), lines: [], dropped: 0 };
    return { startedAt: this.recording.startedAt };
  }

  /** Stops recording and hands over the frames as a candump -l log. */
  recordStop(): CanRecordingView {
    const rec = this.recording;
    if (rec === null) throw new CommissioningError('not recording: start a recording first');
    this.recording = null;
    const stamp = new Date(rec.startedAt).toISOString().replace(/[:.]/g, '-');
    return {
      filename: `candump-${stamp}.log`,
      log: rec.lines.length === 0 ? '' : `${rec.lines.join('\n')}\n`,
      frames: rec.lines.length,
      dropped: rec.dropped,
    };
  }

  /** Stops listening and publishing; a recording in progress is dropped. */
  dispose(): void {
    this.unsubscribe();
    this.stopFeed();
    this.listeners.clear();
    this.recording = null;
  }

  private publish(update: CanMonitorUpdate): void {
    const view: CanFramesView = {
      at: update.at,
      totalFrames: update.totalFrames,
      untrackedFrames: update.untrackedFrames,
      ids: update.ids.map((a) => this.row(a)),
      recordingFrames: this.recording === null ? null : this.recording.lines.length,
    };
    for (const l of this.listeners) l(view);
  }

  private row(a: CanIdActivity): CanIdRowView {
    const decoded = decodeBmsFrame(
      { id: a.id, extended: a.extended, data: Uint8Array.from(a.lastData) },
      this.profile,
    );
    return {
      id: a.id,
      extended: a.extended,
      label: a.label,
      count: a.count,
      ratePerS: a.ratePerS,
      lastData: hex(a.lastData),
      lastAt: a.lastAt,
      decoded: decoded.ok ? decoded.fields : null,
      problem: !decoded.ok && decoded.kind === 'malformed' ? decoded.reason : null,
    };
  }
}

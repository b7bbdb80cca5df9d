/** The CAN monitor as the UI sees it: condensed per-id activity, at most 10 updates a second. */

/** One CAN id seen on the BMS bus. */
export interface CanIdRowView {
  readonly id: number;
  readonly extended: boolean;
  /** "0x351". */
  readonly label: string;
  readonly count: number;
  /** Frames per second over the last update interval. */
  readonly ratePerS: number;
  /** Latest data bytes as hex, "0102AB" (empty for a 0-byte frame). */
  readonly lastData: string;
  /** Receive time of the latest frame, ms. */
  readonly lastAt: number;
  /** Fields decoded with the site's BMS profile; null for an id the profile does not know. */
  readonly decoded: Readonly<Record<string, number | boolean | string>> | null;
  /** Why a known id's latest frame could not be decoded (too short...). */
  readonly problem: string | null;
}

/** One update of the `canFrames` push topic. */
export interface CanFramesView {
  readonly at: number;
  readonly totalFrames: number;
  /** Frames of ids beyond the tracked limit (counted only). */
  readonly untrackedFrames: number;
  /** Ascending by id. */
  readonly ids: readonly CanIdRowView[];
  /** Frames captured so far while recording; null when not recording. */
  readonly recordingFrames: number | null;
}

/** Most frames a CAN recording keeps; later frames are counted, not kept. */
export const MAX_CAN_RECORD_FRAMES = 200_000;

/** A CAN recording in `candump -l` format, for the UI to download. */
export interface CanRecordingView {
  readonly filename: string;
  /** candump -l lines, newline-terminated. */
  readonly log: string;
  readonly frames: number;
  /** Frames seen but not kept because the recording was full. */
  readonly dropped: number;
}

/** The answer to canRecordStart. */
export interface CanRecordStartView {
  /** ms since the epoch. */
  readonly startedAt: number;
}

import type { LinkId } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import type { Measurements } from './measurements';
import { finiteOr, isRecord, nonNegative } from './safe-values';

/**
 * Poll counting for the comm-loss budget and the recovery debounce. One step is one poll
 * cycle; a polled link (meter, inverter) whose sample did not advance since the last step
 * failed that poll. The BMS pushes its frames, so it is judged by time alone.
 */
export interface LinkPolls {
  /** Time stamp of the last sample seen, ms; null before one. */
  readonly lastAt: number | null;
  /** Consecutive steps without a new sample. */
  readonly failedPolls: number;
  /** Consecutive new, fresh samples (the recovery debounce counts these). */
  readonly goodStreak: number;
  /** When the current run of good samples began, ms; null when none runs. */
  readonly goodSince: number | null;
}

/** Poll counts of every link. */
export type LinkPollMap = Readonly<Record<LinkId, LinkPolls>>;

const NO_POLLS: LinkPolls = { lastAt: null, failedPolls: 0, goodStreak: 0, goodSince: null };

/** Poll counts before the first step. */
export const INITIAL_LINK_POLLS: LinkPollMap = {
  meter: NO_POLLS,
  inverter: NO_POLLS,
  bms: NO_POLLS,
};

/** True for the links the runtime polls once per step (the BMS is pushed). */
export function isPolled(link: LinkId): boolean {
  return link !== 'bms';
}

function sampleAt(m: Measurements, link: LinkId): number | null {
  const raw: unknown = isRecord(m) ? (link === 'meter' ? m.grid : m[link]) : null;
  if (!isRecord(raw)) return null;
  const at = finiteOr(raw.at, Number.NaN);
  return Number.isNaN(at) ? null : at;
}

/** The next poll count of one link, given whether its sample is well formed and fresh this step. */
export function countPoll(
  prev: LinkPolls,
  link: LinkId,
  m: Measurements,
  fresh: boolean,
  now: number,
): LinkPolls {
  const at = sampleAt(m, link);
  // A malformed or already stale sample is a failed poll even when its time stamp is new.
  const isNew = fresh && at !== null && at !== prev.lastAt;
  const failedPolls = isNew ? 0 : prev.failedPolls + 1;
  // A polled link's run of good samples ends with any failed poll; a pushed one only when stale.
  const good = fresh && (isNew || (!isPolled(link) && prev.goodStreak > 0));
  const goodStreak = !good ? 0 : isNew ? prev.goodStreak + 1 : prev.goodStreak;
  return {
    lastAt: at ?? prev.lastAt,
    failedPolls,
    goodStreak,
    goodSince: !good ? null : (prev.goodSince ?? now),
  };
}

/** Consecutive failed polls that a polled link survives while stale (at least 1). */
export function commLossPolls(config: CoreConfig): number {
  return Math.max(1, Math.floor(nonNegative(config.commLossPolls)));
}

/**
 * True when a lost link has recovered: `recoverSamples` new, fresh samples in a row, or
 * fresh samples for `recoverHoldMs` without a break.
 */
export function recovered(polls: LinkPolls, now: number, config: CoreConfig): boolean {
  if (polls.goodStreak === 0 || polls.goodSince === null) return false;
  const samples = Math.max(1, Math.floor(nonNegative(config.recoverSamples)));
  return polls.goodStreak >= samples || now - polls.goodSince >= nonNegative(config.recoverHoldMs);
}

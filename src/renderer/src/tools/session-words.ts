import type { RecordingStatusView, SessionView } from '../../../shared/commissioning-views';
import { formatDateTime } from '../format/format-values';

/** A recorded session as one row of the sessions list. */
export interface SessionRowText {
  readonly started: string;
  readonly ended: string;
  readonly duration: string;
  /** "ended unexpectedly" for a session the process never closed, else null. */
  readonly flag: string | null;
}

/** "2 h 05 min", "3 min 20 s", "12 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** The row's words; `now` (ms) measures a running session. */
export function sessionRowText(s: SessionView, now: number): SessionRowText {
  const running = s.endedAt === null && !s.endedUnexpectedly;
  return {
    started: formatDateTime(s.startedAt),
    ended: s.endedAt !== null ? formatDateTime(s.endedAt) : running ? 'running' : 'unknown',
    duration:
      s.endedAt !== null
        ? formatDuration(s.endedAt - s.startedAt)
        : running
          ? `${formatDuration(now - s.startedAt)} so far`
          : '',
    flag: s.endedUnexpectedly ? 'ended unexpectedly' : null,
  };
}

/** One line about recording: where it goes, or why it does not happen. */
export function recordingWords(r: RecordingStatusView): string {
  return r.available
    ? `Recording to ${r.path}`
    : `Recording unavailable: ${r.reason ?? 'no reason given'}`;
}

import type { JSX } from 'react';
import { POLL_INTERVALS_S } from '../../tools/read-poller';

/** The polled read's controls: the interval (fixed while polling) and Start / Stop polling. */
export function PollControls(props: {
  intervalS: number;
  /** The running poll's interval, s; null when not polling. */
  pollingS: number | null;
  canStart: boolean;
  onInterval: (s: number) => void;
  onStart: () => void;
  onStop: () => void;
}): JSX.Element {
  const polling = props.pollingS !== null;
  return (
    <>
      <label>
        Poll every
        <select
          data-testid="console-poll-interval"
          value={props.intervalS}
          disabled={polling}
          onChange={(e) => props.onInterval(Number(e.target.value))}
        >
          {POLL_INTERVALS_S.map((s) => (
            <option key={s} value={s}>
              {s} s
            </option>
          ))}
        </select>
      </label>
      {polling ? (
        <button
          type="button"
          className="btn"
          data-testid="btn-console-poll-stop"
          onClick={props.onStop}
        >
          Stop polling
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          data-testid="btn-console-poll"
          disabled={!props.canStart}
          onClick={props.onStart}
        >
          Start polling
        </button>
      )}
    </>
  );
}

import type { JSX } from 'react';
import { formatClock } from '../../format/format-values';
import { isStale, type ReadState } from '../../tools/register-reads';

/**
 * Under the read form: when the table was read and how (once, or polled every N s), or, after
 * a failed read, that the table is stale since its last good read, with the error.
 */
export function ReadStatus(props: {
  state: ReadState;
  pollingS: number | null;
}): JSX.Element | null {
  const { last, failure } = props.state;
  const polling = props.pollingS === null ? '' : ` \u00b7 polling every ${props.pollingS} s`;
  if (failure !== null) {
    return (
      <div className="error" role="alert" data-testid="console-error">
        <p>
          Read failed at {formatClock(failure.at)}: {failure.error}
        </p>
        {isStale(props.state) && last !== null ? (
          <p className="stale-note" data-testid="console-stale">
            The table below is stale: the last good read was at {formatClock(last.at)}
            {polling}.
          </p>
        ) : null}
      </div>
    );
  }
  if (last === null) return null;
  return (
    <p className="hint" role="status" data-testid="console-read-status" data-read-at={last.at}>
      Read at {formatClock(last.at)}
      {polling}.
    </p>
  );
}

import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { externalView, formatRemaining } from '../../external/external-view';
import { formatClock } from '../../format/format-values';
import { useEms } from '../../store/store-context';
import { LiveValue } from '../common/live-value';

/**
 * What an external controller (SCADA, fleet controller) commands in mode EXTERNAL: its
 * source, the setpoint and the time left of its ttl. Without a live setpoint the output is
 * 0 W, and a past expiry says why.
 */
export function ExternalPanel(props: {
  snapshot: EmsSnapshot;
  current: boolean;
}): JSX.Element | null {
  const events = useEms((s) => s.events);
  const view = externalView(props.snapshot, events);
  if (view === null) return null;
  const c = props.current;
  return (
    <section
      className="panel external"
      aria-labelledby="external-title"
      data-testid="external-panel"
    >
      <h2 id="external-title">External control</h2>
      <dl className="kv">
        <dt>Command</dt>
        <dd>
          <LiveValue testId="external-command" value={view.watts} current={c}>
            {view.command}
          </LiveValue>
        </dd>
        <dt>Source</dt>
        <dd data-testid="external-source">{c ? (view.source ?? 'none') : '\u2014'}</dd>
        <dt>Time left</dt>
        <dd>
          {view.remainingS === null ? (
            <span data-testid="external-remaining">no setpoint held</span>
          ) : (
            <LiveValue testId="external-remaining" value={view.remainingS} current={c}>
              {formatRemaining(view.remainingS)}
            </LiveValue>
          )}
        </dd>
      </dl>
      {view.expired ? (
        <p className="notice" role="status" data-testid="external-expired-notice">
          Expired at {formatClock(view.expired.time)}: {view.expired.message}
        </p>
      ) : null}
    </section>
  );
}

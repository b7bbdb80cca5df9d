import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { limitName, limitedByWords } from '../../format/ems-words';
import { stateDetail } from '../../format/status-headline';
import { formatPower, gridWords, setpointWords } from '../../format/power-words';
import { LiveValue } from '../common/live-value';

/** What the EMS is doing: state, mode, the setpoint it sends and what bounds it. */
export function StatusPanel(props: { snapshot: EmsSnapshot; current: boolean }): JSX.Element {
  const s = props.snapshot;
  const c = props.current;
  const band = s.band;
  return (
    <section className="panel" aria-labelledby="status-title">
      <h2 id="status-title">EMS</h2>
      <dl className="kv">
        <dt>State</dt>
        <dd>
          <LiveValue testId="live-state" value={s.state} current={c}>
            {s.state}
          </LiveValue>
        </dd>
        <dt />
        <dd className="hint">{c ? stateDetail(s) : ''}</dd>
        <dt>Run mode</dt>
        <dd>
          <LiveValue testId="live-mode" value={s.mode} current={c}>
            {s.mode}
          </LiveValue>
          {c && s.pendingMode ? ` (waiting to enter ${s.pendingMode})` : ''}
        </dd>
        <dt>Setpoint</dt>
        <dd>
          <LiveValue testId="live-setpoint-w" value={s.setpointW} current={c}>
            {setpointWords(s.setpointW).text}
          </LiveValue>
        </dd>
        <dt>Bound</dt>
        <dd>
          <LiveValue testId="live-limited-by" value={s.limitedBy} current={c}>
            {limitedByWords(s.limitedBy)}
          </LiveValue>
        </dd>
        <dt>May charge</dt>
        <dd>
          <LiveValue value={band.lowerW} current={c}>
            up to {formatPower(-Math.min(0, band.lowerW))} ({limitName(band.lowerBy)})
          </LiveValue>
        </dd>
        <dt>May discharge</dt>
        <dd>
          <LiveValue value={band.upperW} current={c}>
            up to {formatPower(Math.max(0, band.upperW))} ({limitName(band.upperBy)})
          </LiveValue>
        </dd>
        <dt>Grid target</dt>
        <dd>{gridWords(s.gridTargetW).text}</dd>
        <dt>Override power</dt>
        <dd>{formatPower(s.overrideW)}</dd>
        <dt>Rating</dt>
        <dd>
          {s.ratings.maxChargeW === s.ratings.maxDischargeW
            ? `\u00b1${formatPower(s.ratings.maxChargeW)}`
            : `${formatPower(s.ratings.maxChargeW)} charge, ${formatPower(s.ratings.maxDischargeW)} discharge`}
        </dd>
        {s.external ? (
          <>
            <dt>External</dt>
            <dd>
              <LiveValue value={s.external.watts} current={c}>
                {setpointWords(s.external.watts).text} from {s.external.source},{' '}
                {s.external.remainingS} s left
              </LiveValue>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

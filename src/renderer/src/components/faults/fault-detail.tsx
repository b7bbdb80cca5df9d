import type { JSX } from 'react';
import type { FaultLogView } from '../../../../shared/fault-view';
import { formatAge, formatDateTime, formatPercent, STALE_TEXT } from '../../format/format-values';
import { batteryWords, gridWords } from '../../format/power-words';
import { useElementWidth } from '../common/use-element-width';
import { selectSnapshot } from '../../store/selectors';
import { useEms } from '../../store/store-context';
import { FaultContextChart } from './fault-context-chart';
import { FaultGuidanceText } from './fault-guidance-text';

function measured(
  value: number | null,
  ageMs: number | null,
  words: (w: number) => { text: string },
): string {
  if (value === null) return STALE_TEXT;
  return `${words(value).text} (${ageMs === null ? 'age unknown' : `data ${formatAge(ageMs)}`})`;
}

/** One fault-log entry: what the EMS last knew at that moment, and the seconds before it. */
export function FaultDetail(props: { entry: FaultLogView | null }): JSX.Element {
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const e = props.entry;
  const snapshot = useEms(selectSnapshot);
  return (
    <section className="panel" aria-labelledby="detail-title">
      <h2 id="detail-title">Fault inspection</h2>
      {e === null ? (
        <p className="hint">
          Choose a row of the fault log to see the measurements at that moment.
        </p>
      ) : (
        <>
          <p>
            <strong>{e.code}</strong> {e.kind} at {formatDateTime(e.time)}: {e.message}
          </p>
          <FaultGuidanceText code={e.code} snapshot={snapshot} />
          <dl className="kv">
            <dt>Grid</dt>
            <dd>{measured(e.measurements.gridW, e.measurements.gridAgeMs, gridWords)}</dd>
            <dt>Battery</dt>
            <dd>
              {measured(e.measurements.inverterW, e.measurements.inverterAgeMs, batteryWords)}
            </dd>
            <dt>SOC</dt>
            <dd>{formatPercent(e.measurements.socPct)}</dd>
            <dt>BMS data</dt>
            <dd>
              {e.measurements.bmsAgeMs === null ? 'none' : formatAge(e.measurements.bmsAgeMs)}
            </dd>
            <dt>BMS alarms</dt>
            <dd className={e.measurements.bmsAlarms.length ? 'codes' : undefined}>
              {e.measurements.bmsAlarms.join(', ') || 'none'}
            </dd>
          </dl>
        </>
      )}
      <div
        ref={boxRef}
        data-testid="fault-context-chart"
        data-points={e?.before.length ?? 0}
        style={{ marginTop: 8 }}
      >
        {e && e.before.length > 0 && width > 0 ? (
          <FaultContextChart samples={e.before} width={width} />
        ) : e ? (
          <p className="hint">No trend samples before this entry.</p>
        ) : null}
      </div>
    </section>
  );
}

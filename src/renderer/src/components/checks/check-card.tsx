import type { JSX } from 'react';
import type { CheckId, CheckRunView } from '../../../../shared/check-views';
import { CHECK_INFO, figureLabel, figureText, statusTone } from '../../tools/check-words';
import { CheckChart } from './check-chart';

/** Props of one check's card. */
export interface CheckCardProps {
  readonly check: CheckId;
  readonly run: CheckRunView | undefined;
  /** A check is running (this or another): Run is disabled. */
  readonly busy: boolean;
  readonly onRun: (check: CheckId) => void;
  readonly onApplyFix: (run: CheckRunView) => void;
}

/** One check: what it does, its latest run with figures and chart, and Run. */
export function CheckCard(props: CheckCardProps): JSX.Element {
  const { check, run } = props;
  const info = CHECK_INFO[check];
  const status = run?.status ?? 'never';
  const figures = Object.entries(run?.measured ?? {});
  return (
    <section className="panel check-card" data-testid={`check-${check}`} data-status={status}>
      <header className="row">
        <h3>
          {info.title} <code>{check}</code>
        </h3>
        <span className={`pill tone-${statusTone(status)}`} data-testid={`check-${check}-status`}>
          {status === 'never' ? 'not run' : status}
        </span>
        <button
          type="button"
          className="btn"
          data-testid={`run-${check}`}
          disabled={props.busy}
          onClick={() => props.onRun(check)}
        >
          Run
        </button>
      </header>
      <p className="hint">{info.does}</p>
      {run?.status === 'running' && (
        <p className="status" role="status" data-testid={`check-${check}-progress`}>
          Running: {run.progress}
        </p>
      )}
      {run !== undefined && run.message !== '' && (
        <p data-testid={`check-${check}-message`}>{run.message}</p>
      )}
      {run?.proposedFix && (
        <button
          type="button"
          className="btn danger"
          data-testid={`apply-fix-${check}`}
          onClick={() => props.onApplyFix(run)}
        >
          Apply fix: meter.powerSign {run.proposedFix.meterPowerSign}
        </button>
      )}
      {figures.length > 0 && (
        <dl className="figures" data-testid={`check-${check}-figures`}>
          {figures.map(([name, value]) => (
            <div key={name}>
              <dt title={name}>{figureLabel(name).label}</dt>
              <dd data-figure={name}>{figureText(name, value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {run !== undefined && <CheckChart chart={run.chart} label={`${check} chart`} />}
    </section>
  );
}

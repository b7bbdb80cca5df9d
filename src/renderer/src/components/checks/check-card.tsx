import { useState, type JSX } from 'react';
import type { CheckId, CheckRunView } from '../../../../shared/check-views';
import { CHECK_INFO, figureLabel, figureText, statusTone } from '../../tools/check-words';
import { CheckChart } from './check-chart';

/** Props of one check's card. */
export interface CheckCardProps {
  readonly check: CheckId;
  readonly run: CheckRunView | undefined;
  /** A check is running (this or another): Run is disabled. */
  readonly busy: boolean;
  /** Runs the check; `stepW` for the checks that step the inverter. */
  readonly onRun: (check: CheckId, stepW?: number) => void;
  readonly onApplyFix: (run: CheckRunView) => void;
}

/** One check: what it does, its latest run with figures and chart, and Run. */
export function CheckCard(props: CheckCardProps): JSX.Element {
  const { check, run } = props;
  const info = CHECK_INFO[check];
  const status = run?.status ?? 'never';
  const figures = Object.entries(run?.measured ?? {});
  // The step size, for the checks that step the inverter (the EMS bounds it: 100 W..the rating).
  const steps = check === 'inverterStep' || check === 'meterSign';
  const [stepText, setStepText] = useState('1000');
  const stepW = Number(stepText);
  const stepOk = /^\d+$/.test(stepText.trim()) && stepW >= 100 && stepW <= 100_000;
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
          disabled={props.busy || (steps && !stepOk)}
          onClick={() => props.onRun(check, steps ? stepW : undefined)}
        >
          Run
        </button>
      </header>
      {steps && (
        <label className="step-size">
          Step{' '}
          <input
            data-testid={`step-${check}`}
            inputMode="numeric"
            size={6}
            value={stepText}
            aria-invalid={stepOk ? 'false' : 'true'}
            onChange={(e) => setStepText(e.target.value)}
          />{' '}
          W{!stepOk && <span className="error"> a whole number of watts, 100 to 100000</span>}
        </label>
      )}
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

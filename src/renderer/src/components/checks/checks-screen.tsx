import { useState, type JSX } from 'react';
import { CHECK_IDS, type CheckId, type CheckRunView } from '../../../../shared/check-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { errorText } from '../../store/mirror';
import { useEms } from '../../store/store-context';
import { CHECK_INFO, latestRuns } from '../../tools/check-words';
import { ConfirmDialog } from '../control/confirm-dialog';
import { CheckCard } from './check-card';
import { ReportPanel } from './report-panel';
import { useCheckRuns } from './use-check-runs';

type Pending =
  | { readonly kind: 'run'; readonly checks: readonly CheckId[]; readonly stepW?: number }
  | { readonly kind: 'fix'; readonly run: CheckRunView };

/** Waits (polling the list) until `runId` has finished. */
async function finished(runId: string): Promise<CheckRunView | null> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const run = (await getEmsApi().listChecks()).find((x) => x.runId === runId);
    if (run === undefined) return null;
    if (run.status !== 'running') return run;
  }
}

/**
 * Commissioning checks: each check on its own card with its latest figures and chart, Run
 * one or Run all (after an explicit confirmation: the checks move the inverter), Cancel, the
 * commissioning status, and the report.
 */
export function ChecksScreen(): JSX.Element {
  const { runs, status, error, refresh } = useCheckRuns();
  const state = useEms((s) => s.snapshot?.state ?? null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const latest = latestRuns(runs);
  const running = runs.some((r) => r.status === 'running');

  const runChecks = async (checks: readonly CheckId[], stepW?: number): Promise<void> => {
    setActionError(null);
    setNote(null);
    try {
      for (const check of checks) {
        const { runId } = await getEmsApi().runCheck({
          check,
          confirmed: true,
          ...(stepW === undefined ? {} : { options: { stepW } }),
        });
        await refresh();
        const run = await finished(runId);
        if (run === null || run.status === 'aborted') break;
      }
    } catch (err) {
      setActionError(errorText(err));
    }
    await refresh();
  };
  const applyFix = async (run: CheckRunView): Promise<void> => {
    try {
      const r = await getEmsApi().applyMeterSignFix({ runId: run.runId, confirmed: true });
      setNote(r.message);
    } catch (err) {
      setActionError(errorText(err));
    }
    await refresh();
  };
  const confirm = (): void => {
    const p = pending;
    setPending(null);
    if (p?.kind === 'run') void runChecks(p.checks, p.stepW);
    if (p?.kind === 'fix') void applyFix(p.run);
  };

  return (
    <main className="screen tool checks-screen" aria-label="Commissioning checks">
      <section className="panel" aria-labelledby="checks-title">
        <div className="row">
          <h2 id="checks-title">Test every link and safety path</h2>
          <span
            className={`pill tone-${status?.commissioned === true ? 'good' : 'bad'}`}
            data-testid="commissioned-badge"
          >
            {status?.commissioned === true ? 'commissioned' : 'not commissioned'}
          </span>
        </div>
        <p className="hint">
          Checks run with the EMS started and in STANDBY, one at a time. They move the inverter
          under every safety limit, stop at once on a fault, Stop or Cancel, and end at 0 W.
          {state !== null && state !== 'STANDBY' && (
            <b data-testid="checks-not-standby">
              {' '}
              The EMS is in {state}: start it and leave it in STANDBY.
            </b>
          )}
        </p>
        {status !== null && status.missing.length > 0 && (
          <p className="hint" data-testid="checks-missing">
            Still to pass: {status.missing.map((m) => `${m.check} (${m.why})`).join(', ')}.
          </p>
        )}
        <div className="row">
          <button
            type="button"
            className="btn primary"
            data-testid="run-all"
            disabled={running}
            onClick={() => setPending({ kind: 'run', checks: CHECK_IDS })}
          >
            Run all
          </button>
          <button
            type="button"
            className="btn danger"
            data-testid="cancel-check"
            disabled={!running}
            onClick={() => void getEmsApi().cancelCheck().then(refresh)}
          >
            Cancel
          </button>
        </div>
        {note !== null && (
          <p className="status" role="status">
            {note}
          </p>
        )}
        {(actionError ?? error) !== null && (
          <p className="error" role="alert" data-testid="checks-error">
            {actionError ?? error}
          </p>
        )}
      </section>
      <div className="check-grid">
        {CHECK_IDS.map((id) => (
          <CheckCard
            key={id}
            check={id}
            run={latest[id]}
            busy={running}
            onRun={(check, stepW) =>
              setPending({
                kind: 'run',
                checks: [check],
                ...(stepW === undefined ? {} : { stepW }),
              })
            }
            onApplyFix={(run) => setPending({ kind: 'fix', run })}
          />
        ))}
      </div>
      <ReportPanel />
      {pending !== null && (
        <ConfirmDialog
          title={pending.kind === 'run' ? 'Run commissioning checks?' : 'Change the meter sign?'}
          confirmLabel={pending.kind === 'run' ? 'Run' : 'Apply'}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        >
          {pending.kind === 'run' ? (
            <p>
              {pending.checks.map((c) => CHECK_INFO[c].title).join(', ')}
              {pending.stepW === undefined ? '' : ` (step ${pending.stepW} W)`}: the inverter will
              charge and discharge on its own for a minute or more. Make sure nobody works on the
              installation.
            </p>
          ) : (
            <p>
              Sets meter.powerSign {pending.run.proposedFix?.meterPowerSign} in this site. Check the
              meter or CT wiring first. It takes effect when the site is activated again; the site
              is not commissioned until meterSign passes again.
            </p>
          )}
        </ConfirmDialog>
      )}
    </main>
  );
}

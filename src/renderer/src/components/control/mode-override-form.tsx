import { useState, type FormEvent, type JSX } from 'react';
import { RUN_MODES, type RunMode } from '../../../../shared/ems-names';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { applyChangesSomething } from '../../control/control-availability';
import { planApply, type ApplyPlan } from '../../control/override-plan';
import { overrideLimitW } from '../../control/power-input';
import { isOverrideMode } from '../../format/ems-words';
import { formatPower } from '../../format/power-words';
import { useEms } from '../../store/store-context';
import { ConfirmDialog } from './confirm-dialog';

type ConfirmPlan = Extract<ApplyPlan, { kind: 'confirm' }>;

/**
 * Run mode and manual override in one form with one Apply: the power box is used only by
 * CHARGE_ONLY and DISCHARGE_ONLY, which are confirmed in a dialog before they are sent.
 * The menu and the box start at what the EMS has and keep what the operator typed.
 */
export function ModeOverrideForm(props: {
  snapshot: EmsSnapshot;
  enabled: boolean;
  reason: string | null;
}): JSX.Element {
  const { snapshot, enabled } = props;
  const runCommands = useEms((s) => s.runCommands);
  const [modeDraft, setModeDraft] = useState<RunMode | null>(null);
  const [powerDraft, setPowerDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmPlan | null>(null);
  const selectedMode = modeDraft ?? snapshot.mode;
  const powerText = powerDraft ?? String(snapshot.overrideW);
  const needsPower = isOverrideMode(selectedMode);

  const sent = (ok: boolean): void => {
    if (!ok) return;
    setModeDraft(null);
    setPowerDraft(null);
  };
  const apply = (plan: ApplyPlan): void => {
    if (plan.kind === 'invalid') {
      setError(plan.error);
      return;
    }
    setError(null);
    if (plan.kind === 'confirm') setConfirm(plan);
    else void runCommands(plan.label, plan.commands).then(sent);
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (!enabled) return;
    apply(planApply({ powerText, selectedMode, snapshot }));
  };
  const onConfirm = (): void => {
    if (!confirm) return;
    setConfirm(null);
    void runCommands(confirm.label, confirm.commands).then(sent);
  };
  const limit = overrideLimitW(snapshot.ratings, selectedMode);
  const canApply = enabled && applyChangesSomething(selectedMode, powerText, snapshot);

  return (
    <>
      <form onSubmit={onSubmit} aria-label="Run mode" noValidate className="mode-form">
        <label htmlFor="mode-select">Run mode (now {snapshot.mode})</label>
        <select
          id="mode-select"
          data-testid="mode-select"
          value={selectedMode}
          disabled={!enabled}
          aria-describedby={props.reason ? 'mode-reason' : undefined}
          onChange={(e) => {
            setModeDraft(e.target.value as RunMode);
            setError(null);
          }}
        >
          {RUN_MODES.map((m) => (
            <option key={m} value={m}>
              {isOverrideMode(m) ? `${m} (manual override)` : m}
            </option>
          ))}
        </select>
        <label htmlFor="override-input">
          Power, W {needsPower ? `(0 to ${limit})` : '(only for CHARGE_ONLY / DISCHARGE_ONLY)'}
        </label>
        <input
          id="override-input"
          data-testid="override-input"
          inputMode="decimal"
          autoComplete="off"
          value={powerText}
          disabled={!enabled || !needsPower}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'override-error' : undefined}
          onChange={(e) => {
            setPowerDraft(e.target.value);
            setError(null);
          }}
        />
        <button
          type="submit"
          className="btn primary"
          data-testid="btn-apply-mode"
          disabled={!canApply}
        >
          Apply
        </button>
        {error ? (
          <p id="override-error" className="error" role="alert" data-testid="override-error">
            {error}
          </p>
        ) : null}
        {props.reason ? (
          <p id="mode-reason" className="hint" data-testid="mode-reason">
            {props.reason}
          </p>
        ) : null}
      </form>
      {confirm ? (
        <ConfirmDialog
          title={`Manual override: ${confirm.mode}`}
          confirmLabel={confirm.label}
          onConfirm={onConfirm}
          onCancel={() => setConfirm(null)}
        >
          <p>
            The battery will {confirm.mode === 'CHARGE_ONLY' ? 'charge' : 'discharge'} at{' '}
            <strong>{formatPower(confirm.watts)}</strong> whatever the house does, until you change
            the mode.
          </p>
          <p className="hint">
            BMS, SOC and grid limits still apply. Escape or Cancel sends nothing.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

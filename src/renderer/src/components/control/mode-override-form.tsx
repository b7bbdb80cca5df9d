import { useState, type FormEvent, type JSX } from 'react';
import { RUN_MODES, type RunMode } from '../../../../shared/ems-names';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { planModeChange, planOverride, type ApplyPlan } from '../../control/override-plan';
import { overrideLimitW } from '../../control/power-input';
import { isOverrideMode } from '../../format/ems-words';
import { formatPower } from '../../format/power-words';
import { useEms } from '../../store/store-context';
import { ConfirmDialog } from './confirm-dialog';

type ConfirmPlan = Extract<ApplyPlan, { kind: 'confirm' }>;

/**
 * Run mode and manual override. The menu and the power box start at what the EMS has and
 * keep what the operator typed. An override is confirmed in a dialog before it is sent.
 */
export function ModeOverrideForm(props: { snapshot: EmsSnapshot }): JSX.Element {
  const { snapshot } = props;
  const runCommands = useEms((s) => s.runCommands);
  const [modeDraft, setModeDraft] = useState<RunMode | null>(null);
  const [powerDraft, setPowerDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmPlan | null>(null);
  const selectedMode = modeDraft ?? snapshot.mode;
  const powerText = powerDraft ?? String(snapshot.overrideW);

  const apply = (plan: ApplyPlan): void => {
    if (plan.kind === 'invalid') {
      setError(plan.error);
      return;
    }
    setError(null);
    if (plan.kind === 'confirm') setConfirm(plan);
    else void runCommands(plan.label, plan.commands).then((ok) => ok && setModeDraft(null));
  };
  const input = { powerText, selectedMode, snapshot };
  const onMode = (e: FormEvent): void => {
    e.preventDefault();
    apply(planModeChange(input));
  };
  const onOverride = (e: FormEvent): void => {
    e.preventDefault();
    apply(planOverride(input));
  };
  const onConfirm = (): void => {
    if (!confirm) return;
    setConfirm(null);
    void runCommands(confirm.label, confirm.commands).then((ok) => ok && setModeDraft(null));
  };
  const limit = overrideLimitW(snapshot.ratings, selectedMode);

  return (
    <>
      <form onSubmit={onMode} aria-label="Run mode">
        <label htmlFor="mode-select">Run mode (now {snapshot.mode})</label>
        <select
          id="mode-select"
          data-testid="mode-select"
          value={selectedMode}
          onChange={(e) => setModeDraft(e.target.value as RunMode)}
        >
          {RUN_MODES.map((m) => (
            <option key={m} value={m}>
              {isOverrideMode(m) ? `${m} (manual override)` : m}
            </option>
          ))}
        </select>
        <button type="submit" className="btn primary" data-testid="btn-apply-mode">
          Apply mode
        </button>
      </form>
      <form onSubmit={onOverride} aria-label="Override power" noValidate>
        <label htmlFor="override-input">
          Override power, W (0 to {limit}; used by CHARGE_ONLY / DISCHARGE_ONLY)
        </label>
        <input
          id="override-input"
          data-testid="override-input"
          inputMode="decimal"
          autoComplete="off"
          value={powerText}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'override-error' : undefined}
          onChange={(e) => {
            setPowerDraft(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="btn primary" data-testid="btn-apply-override">
          Apply override
        </button>
        {error ? (
          <p id="override-error" className="error" role="alert" data-testid="override-error">
            {error}
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

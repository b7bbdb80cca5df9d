import { useState, type FormEvent, type JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { gridTargetNeedsConfirm, validateGridTarget } from '../../control/power-input';
import { gridWords } from '../../format/power-words';
import { useEms } from '../../store/store-context';
import { ConfirmDialog } from './confirm-dialog';

/** The grid exchange self-consumption steers to (W, positive = import). */
export function GridTargetForm(props: { snapshot: EmsSnapshot }): JSX.Element {
  const runCommands = useEms((s) => s.runCommands);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmW, setConfirmW] = useState<number | null>(null);
  const text = draft ?? String(props.snapshot.gridTargetW);
  const send = (watts: number): void => {
    void runCommands(`Grid target ${gridWords(watts).text}`, [{ type: 'setGridTarget', watts }]);
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const checked = validateGridTarget(text, props.snapshot.ratings);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    // A target away from 0 makes the battery charge from or feed the grid on purpose.
    if (gridTargetNeedsConfirm(checked.watts)) setConfirmW(checked.watts);
    else send(checked.watts);
  };
  return (
    <form onSubmit={onSubmit} aria-label="Grid target" noValidate>
      <label htmlFor="grid-target-input">
        Grid target, W (+ import, &minus; export; now {gridWords(props.snapshot.gridTargetW).text})
      </label>
      <input
        id="grid-target-input"
        data-testid="grid-target-input"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? 'grid-target-error' : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="btn primary" data-testid="btn-apply-grid-target">
        Apply target
      </button>
      {error ? (
        <p id="grid-target-error" className="error" role="alert" data-testid="grid-target-error">
          {error}
        </p>
      ) : null}
      {confirmW !== null ? (
        <ConfirmDialog
          title="Grid target away from zero"
          confirmLabel={`Steer to ${gridWords(confirmW).text}`}
          onConfirm={() => {
            send(confirmW);
            setConfirmW(null);
          }}
          onCancel={() => setConfirmW(null)}
        >
          <p>
            Self-consumption will steer the grid to <strong>{gridWords(confirmW).text}</strong>: the
            battery will {confirmW > 0 ? 'charge from' : 'discharge into'} the grid to hold it, up
            to its limits, until you change the target.
          </p>
          <p className="hint">
            BMS, SOC and grid limits still apply. Escape or Cancel sends nothing.
          </p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}

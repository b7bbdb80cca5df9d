import { useState, type FormEvent, type JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { validateGridTarget } from '../../control/power-input';
import { gridWords } from '../../format/power-words';
import { useEms } from '../../store/store-context';

/** The grid exchange self-consumption steers to (W, positive = import). */
export function GridTargetForm(props: { snapshot: EmsSnapshot }): JSX.Element {
  const runCommands = useEms((s) => s.runCommands);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = draft ?? String(props.snapshot.gridTargetW);
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const checked = validateGridTarget(text);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    void runCommands(`Grid target ${gridWords(checked.watts).text}`, [
      { type: 'setGridTarget', watts: checked.watts },
    ]);
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
    </form>
  );
}

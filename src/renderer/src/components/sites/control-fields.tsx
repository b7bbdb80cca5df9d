import type { JSX } from 'react';
import { CONTROL_FIELDS, type ControlForm } from '../../sites/control-form';

/** Props of the control settings. */
export interface ControlFieldsProps {
  readonly value: ControlForm;
  readonly onChange: (patch: Partial<ControlForm>) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly show: (path: string) => boolean;
}

/**
 * The control settings a technician sets on most sites, each with its unit and meaning
 * beside it and the shared schema's message under it. The others keep the file's values.
 */
export function ControlFields(props: ControlFieldsProps): JSX.Element {
  return (
    <div className="site-fields">
      {CONTROL_FIELDS.map((f) => {
        const path = `control.${f.key}`;
        const id = `site-field-${path}`;
        const error = props.show(path) ? props.errors[path] : undefined;
        return (
          <label key={f.key} htmlFor={id} className="control-field">
            {f.label} <span className="unit">({f.unit})</span>
            <input
              id={id}
              data-testid={id}
              value={props.value[f.key]}
              inputMode="decimal"
              aria-invalid={error !== undefined}
              aria-describedby={`${id}-meaning${error !== undefined ? ` ${id}-error` : ''}`}
              onChange={(e) => props.onChange({ [f.key]: e.target.value })}
            />
            <span id={`${id}-meaning`} className="meaning">
              {f.meaning}
            </span>
            {error !== undefined ? (
              <span id={`${id}-error`} className="field-error" data-testid={`site-error-${path}`}>
                {error}
              </span>
            ) : null}
          </label>
        );
      })}
      <p className="hint">
        The other control settings keep their values (a new site: their defaults); see
        docs/site-file.md.
      </p>
    </div>
  );
}

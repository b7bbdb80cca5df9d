import type { JSX, ReactNode } from 'react';

/** Props of one form field. */
export interface FieldProps {
  readonly label: string;
  /** The field's path in the site file ("meter.port"): its test id and its error's key. */
  readonly path: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The schema's message for this field, shown when `show` is set. */
  readonly error: string | undefined;
  readonly show: boolean;
  readonly inputMode?: 'numeric' | 'decimal' | 'text';
  readonly hint?: string;
}

/** A labelled text input with its validation message underneath. */
export function Field(props: FieldProps): JSX.Element {
  const id = `site-field-${props.path}`;
  const error = props.show ? props.error : undefined;
  return (
    <label htmlFor={id}>
      {props.label}
      <input
        id={id}
        data-testid={id}
        value={props.value}
        inputMode={props.inputMode ?? 'text'}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? `${id}-error` : undefined}
        title={props.hint}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {error !== undefined ? (
        <span id={`${id}-error`} className="field-error" data-testid={`site-error-${props.path}`}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** Props of a select field. */
export interface ChoiceProps<T extends string> {
  readonly label: string;
  readonly path: string;
  readonly value: T;
  readonly options: readonly (readonly [T, string])[];
  readonly onChange: (value: T) => void;
  readonly children?: ReactNode;
}

/** A labelled select. */
export function Choice<T extends string>(props: ChoiceProps<T>): JSX.Element {
  const id = `site-field-${props.path}`;
  return (
    <label htmlFor={id}>
      {props.label}
      <select
        id={id}
        data-testid={id}
        value={props.value}
        onChange={(e) => {
          const v = props.options.find(([k]) => k === e.target.value);
          if (v) props.onChange(v[0]);
        }}
      >
        {props.options.map(([k, text]) => (
          <option key={k} value={k}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

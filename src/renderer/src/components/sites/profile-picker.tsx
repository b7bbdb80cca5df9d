import { useState, type JSX } from 'react';
import type { LibraryProfileRole, LibraryProfileView } from '../../../../shared/build-site-views';
import { filterProfiles } from '../../sites/found-device';

/** Props of a profile field with the library's picker under it. */
export interface ProfilePickerProps {
  readonly role: LibraryProfileRole;
  readonly label: string;
  /** The field's path in the site file ("meter.profile", "bms.profile"). */
  readonly path: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
  readonly show: boolean;
  /** The built-in library; null while it loads or when it could not be read. */
  readonly library: readonly LibraryProfileView[] | null;
}

function VerifiedBadge(props: { verified: boolean | null }): JSX.Element | null {
  if (props.verified === null) return null;
  return props.verified ? (
    <span className="badge ok">verified</span>
  ) : (
    <span className="badge warn" title="Written from public sources; not yet checked on a device">
      unverified
    </span>
  );
}

/** One library profile: pick it by its name; its sources and unconfirmed points on demand. */
function ProfileOption(props: { p: LibraryProfileView; onPick: () => void }): JSX.Element {
  const { p } = props;
  const notes = [
    ...p.sources.map((s) => `source: ${s}`),
    ...p.unconfirmed.map((u) => `unconfirmed: ${u}`),
  ];
  return (
    <li data-testid="profile-option" data-profile={p.name}>
      <button type="button" className="link mono" onClick={props.onPick}>
        {p.name}
      </button>{' '}
      <VerifiedBadge verified={p.verified} /> {p.title}
      {notes.length > 0 ? (
        <details>
          <summary>Sources</summary>
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

/**
 * The profile field: type a built-in name or a path, or pick from the library, filtered as
 * you type. Each option shows whether it is verified; its sources open on demand.
 */
export function ProfilePicker(props: ProfilePickerProps): JSX.Element {
  const [open, setOpen] = useState(false);
  const id = `site-field-${props.path}`;
  const error = props.show ? props.error : undefined;
  const options =
    props.library === null ? [] : filterProfiles(props.library, props.role, props.value);
  const picked = props.library?.find((p) => p.name === props.value.trim() && p.role === props.role);
  return (
    <div className="profile-picker">
      <label htmlFor={id}>
        {props.label}
        <input
          id={id}
          data-testid={id}
          value={props.value}
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-options`}
          aria-invalid={error !== undefined}
          aria-describedby={error !== undefined ? `${id}-error` : undefined}
          placeholder="type to search the library"
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            props.onChange(e.target.value);
            setOpen(true);
          }}
        />
      </label>
      {picked ? (
        <span className="hint" data-testid={`${id}-picked`}>
          <VerifiedBadge verified={picked.verified} /> {picked.title}
        </span>
      ) : null}
      {error !== undefined ? (
        <span id={`${id}-error`} className="field-error" data-testid={`site-error-${props.path}`}>
          {error}
        </span>
      ) : null}
      {open && props.library !== null ? (
        <div className="profile-options" id={`${id}-options`}>
          {options.length === 0 ? (
            <p className="hint">No library profile matches; a path to a profile file works too.</p>
          ) : (
            <ul>
              {options.map((p) => (
                <ProfileOption
                  key={p.name}
                  p={p}
                  onPick={() => {
                    props.onChange(p.name);
                    setOpen(false);
                  }}
                />
              ))}
            </ul>
          )}
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Close the list
          </button>
        </div>
      ) : null}
    </div>
  );
}

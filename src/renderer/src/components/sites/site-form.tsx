import { useEffect, useMemo, useState, type JSX } from 'react';
import type { LibraryProfileView } from '../../../../shared/build-site-views';
import { getEmsBridge } from '../../bridge/ems-bridge';
import { checkSiteForm, type SiteForm } from '../../sites/site-form-model';
import { useApiCall } from '../tools/use-api-call';
import { BmsFields } from './bms-fields';
import { ControlFields } from './control-fields';
import { DeviceSection } from './device-section';
import { Field } from './form-field';
import { fieldPath, otherProblems } from './site-form-paths';

/** Props of the site editor. */
export interface SiteFormProps {
  /** The stored site's id; null for a new site. */
  readonly id: string | null;
  readonly initial: SiteForm;
  /** The site being edited is the running one: a save takes effect at its next activation. */
  readonly active: boolean;
  readonly onSaved: (id: string) => void;
  readonly onCancel: () => void;
}

/**
 * The site editor. Every change is checked with the shared site schema; a field's message
 * shows once the field was changed or a save was tried, so a new form does not open in red.
 */
export function SiteFormView(props: SiteFormProps): JSX.Element {
  const bridge = getEmsBridge();
  const [form, setForm] = useState<SiteForm>(props.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const save = useApiCall<{ id: string }>();
  // The profile library for the pickers; without it the profile fields still take a name.
  const libraryCall = useApiCall<LibraryProfileView[]>();
  const { run: loadLibrary } = libraryCall;
  useEffect(() => void loadLibrary(() => bridge.api.listProfiles()), [bridge, loadLibrary]);
  const library = libraryCall.result;
  const check = useMemo(() => checkSiteForm(form), [form]);
  const errors = check.ok ? {} : check.errors;
  const show = (path: string): boolean => tried || touched.has(path);
  const touch = (paths: string[]): void => setTouched((t) => new Set([...t, ...paths]));

  const patch = (prefix: string, p: Record<string, unknown>): void =>
    touch(Object.keys(p).map((k) => `${prefix}.${fieldPath(k)}`));
  const submit = async (): Promise<void> => {
    setTried(true);
    if (!check.ok) return;
    const { id } = props;
    const r = await save.run(() =>
      id === null
        ? bridge.api.createSite({ site: check.site })
        : bridge.api.updateSite({ id, site: check.site }),
    );
    if (r !== null) props.onSaved(r.id);
  };
  const count = Object.keys(errors).length;

  return (
    <form
      className="site-form"
      aria-label={props.id === null ? 'New site' : 'Edit site'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {props.active ? (
        <p className="hint" data-testid="site-active-note" role="note">
          This is the active site: changes are saved now and take effect at its next activation
          (switch to it again).
        </p>
      ) : null}
      <fieldset>
        <legend>Site</legend>
        <div className="site-fields">
          <Field
            label="Name"
            path="name"
            value={form.name}
            error={errors['name']}
            show={show('name')}
            onChange={(name) => {
              setForm({ ...form, name });
              touch(['name']);
            }}
          />
          <Field
            label="Description"
            path="description"
            value={form.description}
            error={errors['description']}
            show={show('description')}
            onChange={(description) => {
              setForm({ ...form, description });
              touch(['description']);
            }}
          />
        </div>
      </fieldset>
      <DeviceSection
        role="meter"
        legend="Grid meter"
        value={form.meter}
        errors={errors}
        show={show}
        library={library}
        onChange={(p) => {
          setForm({ ...form, meter: { ...form.meter, ...p } });
          patch('meter', p);
        }}
      />
      <DeviceSection
        role="inverter"
        legend="Battery inverter"
        value={form.inverter}
        errors={errors}
        show={show}
        library={library}
        onChange={(p) => {
          setForm({ ...form, inverter: { ...form.inverter, ...p } });
          patch('inverter', p);
        }}
      >
        <div className="site-fields">
          {(['ratedChargeW', 'ratedDischargeW'] as const).map((k) => (
            <Field
              key={k}
              label={k === 'ratedChargeW' ? 'Rated charge (W)' : 'Rated discharge (W)'}
              path={`inverter.${k}`}
              value={form.inverter[k]}
              inputMode="numeric"
              error={errors[`inverter.${k}`]}
              show={show(`inverter.${k}`)}
              onChange={(v) => {
                setForm({ ...form, inverter: { ...form.inverter, [k]: v } });
                touch([`inverter.${k}`]);
              }}
            />
          ))}
        </div>
      </DeviceSection>
      <fieldset>
        <legend>BMS</legend>
        <BmsFields
          library={library}
          value={form.bms}
          errors={errors}
          show={show}
          onChange={(p) => {
            setForm({ ...form, bms: { ...form.bms, ...p } });
            touch(
              Object.keys(p).map((k) => (k === 'profile' ? 'bms.profile' : `bms.transport.${k}`)),
            );
          }}
        />
      </fieldset>
      <fieldset className="control-settings">
        <legend>Control settings</legend>
        <ControlFields
          value={form.controlText}
          errors={errors}
          show={show}
          onChange={(p) => {
            setForm({ ...form, controlText: { ...form.controlText, ...p } });
            patch('control', p);
          }}
        />
      </fieldset>
      {libraryCall.error ? (
        <p className="hint" role="status" data-testid="site-library-error">
          The profile library could not be read ({libraryCall.error}); profile names can still be
          typed.
        </p>
      ) : null}
      {tried && count > 0 ? (
        <p className="error" role="alert" data-testid="site-form-problems">
          {count} field{count > 1 ? 's need' : ' needs'} a fix before the site can be saved.
          {otherProblems(errors)}
        </p>
      ) : null}
      {save.error ? (
        <p className="error" role="alert" data-testid="site-save-error">
          {save.error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn" data-testid="btn-save-site" disabled={save.busy}>
          Save site
        </button>
        <button
          type="button"
          className="btn"
          data-testid="btn-cancel-site"
          onClick={props.onCancel}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

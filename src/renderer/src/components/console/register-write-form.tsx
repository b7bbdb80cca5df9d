import { useState, type JSX } from 'react';
import type { ModbusDeviceId, RegisterWriteEntry } from '../../../../shared/commissioning-views';
import { parseWhole, parseWriteValues } from '../../tools/console-input';
import { useEms } from '../../store/store-context';
import { ConfirmDialog } from '../control/confirm-dialog';
import { useApiCall } from '../tools/use-api-call';
import { getEmsApi } from '../../bridge/ems-bridge';

/**
 * Writes holding registers, only while the EMS is in STOP (a write must never fight the
 * control loop for the same register) and only after the technician confirmed the exact
 * device, address and values. The backend checks both again.
 */
export function RegisterWriteForm(props: {
  device: ModbusDeviceId | null;
  onWritten: () => void;
}): JSX.Element {
  const state = useEms((s) => s.snapshot?.state ?? null);
  const [address, setAddress] = useState('');
  const [values, setValues] = useState('');
  const [pending, setPending] = useState<{ address: number; values: number[] } | null>(null);
  const [errors, setErrors] = useState<{ address?: string; values?: string }>({});
  const write = useApiCall<RegisterWriteEntry>();
  const stopped = state === 'STOP';
  const enabled = stopped && props.device !== null;

  const submit = (): void => {
    const a = parseWhole(address, 'address', 0, 65535);
    const v = parseWriteValues(values);
    setErrors({ address: a.ok ? undefined : a.error, values: v.ok ? undefined : v.error });
    if (a.ok && v.ok) setPending({ address: a.value, values: v.value });
  };
  const confirm = async (): Promise<void> => {
    const p = pending;
    const device = props.device;
    setPending(null);
    if (!p || device === null) return;
    await write.run(() => getEmsApi().registerWrite({ device, ...p, confirmed: true }));
    props.onWritten();
  };

  return (
    <section className="panel" aria-labelledby="write-title">
      <h2 id="write-title">Write holding registers</h2>
      {!stopped ? (
        <p className="hint" data-testid="console-write-locked">
          Writing is possible only in STOP (the EMS is {state ?? 'unknown'}): stop the EMS first.
        </p>
      ) : null}
      <form
        data-testid="console-write"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (enabled) submit();
        }}
      >
        <fieldset
          disabled={!enabled}
          style={{ border: 0, padding: 0, margin: 0, display: 'contents' }}
        >
          <label>
            Address
            <input
              data-testid="console-write-address"
              inputMode="numeric"
              size={7}
              value={address}
              aria-invalid={errors.address ? 'true' : 'false'}
              onChange={(e) => setAddress(e.target.value)}
            />
          </label>
          <label>
            Values (0..65535, comma separated)
            <input
              data-testid="console-write-values"
              size={24}
              value={values}
              aria-invalid={errors.values ? 'true' : 'false'}
              onChange={(e) => setValues(e.target.value)}
            />
          </label>
          <button type="submit" className="btn danger" data-testid="btn-console-write">
            Write…
          </button>
        </fieldset>
      </form>
      {errors.address ? <p className="field-error">{errors.address}</p> : null}
      {errors.values ? <p className="field-error">{errors.values}</p> : null}
      {write.error ? (
        <p className="error" role="alert" data-testid="console-write-error">
          Write refused: {write.error}
        </p>
      ) : write.result ? (
        <p role="status">
          Wrote {write.result.values.join(', ')} at {write.result.address}.
        </p>
      ) : null}
      {pending && props.device ? (
        <ConfirmDialog
          title="Write to the device?"
          confirmLabel="Write"
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        >
          <p>
            Write {pending.values.join(', ')} to holding register
            {pending.values.length > 1 ? 's' : ''} {pending.address}
            {pending.values.length > 1 ? `..${pending.address + pending.values.length - 1}` : ''} of
            the {props.device}. The device acts on it at once.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

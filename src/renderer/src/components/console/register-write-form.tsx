import { useState, type JSX } from 'react';
import type {
  ModbusDeviceId,
  RegisterPointView,
  RegisterWriteEntry,
} from '../../../../shared/commissioning-views';
import { describeTypedValue, TYPED_VALUE_TYPES } from '../../../../shared/typed-register-value';
import { getEmsApi } from '../../bridge/ems-bridge';
import { useEms } from '../../store/store-context';
import { parseWhole } from '../../tools/console-input';
import { pointLabel } from '../../tools/register-reads';
import {
  hexWords,
  planWrite,
  registerSpan,
  type WriteFormText,
  type WriteKind,
  type WritePlan,
} from '../../tools/write-plan';
import { ConfirmDialog } from '../control/confirm-dialog';
import { useApiCall } from '../tools/use-api-call';

const FIRST_FORM: WriteFormText = {
  address: '',
  kind: 'words',
  wordOrder: 'big',
  scale: '1',
  values: '',
};

/** What is about to be written, in words a technician checks before confirming. */
function PlanText(props: { plan: WritePlan }): JSX.Element {
  const { plan } = props;
  const span = registerSpan(plan.address, plan.words.length);
  return (
    <>
      {plan.typed ? `${describeTypedValue(plan.typed)} is ` : ''}
      <span className="mono">{hexWords(plan.words)}</span> ({plan.words.join(', ')}) in holding
      register{plan.words.length > 1 ? 's' : ''} {span}
      {plan.typed?.type === 'float32' && plan.stored
        ? `; the device will hold ${plan.stored.map((v) => String(Number(v.toPrecision(9)))).join(', ')}`
        : ''}
    </>
  );
}

/**
 * Writes holding registers, only while the EMS is in STOP (a write must never fight the
 * control loop for the same register) and only after the technician confirmed the exact
 * device, registers and words. A value can be typed with its type ("−2000 as int32"): the
 * words it becomes are shown as it is typed, and main checks them against the value again.
 */
export function RegisterWriteForm(props: {
  device: ModbusDeviceId | null;
  /** Profile points of the device known from the last read (holding registers). */
  points: readonly RegisterPointView[];
  onWritten: () => void;
}): JSX.Element {
  const state = useEms((s) => s.snapshot?.state ?? null);
  const [form, setForm] = useState<WriteFormText>(FIRST_FORM);
  const [pending, setPending] = useState<WritePlan | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const write = useApiCall<RegisterWriteEntry>();
  const stopped = state === 'STOP';
  const enabled = stopped && props.device !== null;
  const checked = planWrite(form);
  const errors = checked.ok || !showErrors ? {} : checked.errors;
  const typed = form.kind !== 'words';
  const set = (change: Partial<WriteFormText>): void => setForm({ ...form, ...change });
  const at = parseWhole(form.address, 'address', 0, 65535);
  const point = at.ok ? pointLabel(props.points, at.value) : '';

  const confirm = async (): Promise<void> => {
    const p = pending;
    const device = props.device;
    setPending(null);
    if (!p || device === null) return;
    await write.run(() =>
      getEmsApi().registerWrite({
        device,
        address: p.address,
        values: [...p.words],
        confirmed: true,
        ...(p.typed ? { typed: { ...p.typed, values: [...p.typed.values] } } : {}),
      }),
    );
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
          if (!enabled) return;
          setShowErrors(true);
          if (checked.ok) setPending(checked.plan);
        }}
      >
        <fieldset disabled={!enabled} className="plain">
          <label>
            Address
            <input
              data-testid="console-write-address"
              inputMode="numeric"
              size={7}
              value={form.address}
              aria-invalid={errors.address ? 'true' : 'false'}
              onChange={(e) => set({ address: e.target.value })}
            />
          </label>
          <label>
            Write as
            <select
              data-testid="console-write-type"
              value={form.kind}
              onChange={(e) => set({ kind: e.target.value as WriteKind })}
            >
              <option value="words">words (0..65535)</option>
              {TYPED_VALUE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Word order
            <select
              data-testid="console-write-order"
              value={form.wordOrder}
              disabled={form.kind === 'words' || form.kind === 'int16' || form.kind === 'uint16'}
              onChange={(e) => set({ wordOrder: e.target.value === 'little' ? 'little' : 'big' })}
            >
              <option value="big">high word first (AB)</option>
              <option value="little">low word first (BA)</option>
            </select>
          </label>
          <label>
            Scale
            <input
              data-testid="console-write-scale"
              size={5}
              value={form.scale}
              disabled={!typed}
              aria-invalid={errors.scale ? 'true' : 'false'}
              onChange={(e) => set({ scale: e.target.value })}
            />
          </label>
          <label>
            {typed ? 'Values (comma separated)' : 'Words (0..65535, comma separated)'}
            <input
              data-testid="console-write-values"
              size={20}
              value={form.values}
              aria-invalid={errors.values ? 'true' : 'false'}
              onChange={(e) => set({ values: e.target.value })}
            />
          </label>
          <button type="submit" className="btn danger" data-testid="btn-console-write">
            Write…
          </button>
        </fieldset>
      </form>
      {point !== '' ? (
        <p className="hint" data-testid="console-write-point">
          Register {at.ok ? at.value : ''} is {point} in the site&apos;s profile.
        </p>
      ) : null}
      {checked.ok ? (
        <p className="hint" data-testid="console-write-words">
          Will write <PlanText plan={checked.plan} />.
        </p>
      ) : null}
      {(['address', 'scale', 'values'] as const).map((k) =>
        errors[k] ? (
          <p key={k} className="field-error" data-testid="console-write-input-error">
            {errors[k]}
          </p>
        ) : null,
      )}
      {write.error ? (
        <p className="error" role="alert" data-testid="console-write-error">
          Not written: {write.error}
        </p>
      ) : write.result ? (
        <p role="status" data-testid="console-write-done">
          Wrote {hexWords(write.result.values)} at {write.result.address}
          {write.result.typed ? ` (${write.result.typed})` : ''}.
        </p>
      ) : null}
      {pending && props.device ? (
        <ConfirmDialog
          title="Write to the device?"
          confirmLabel="Write"
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        >
          <p data-testid="console-write-confirm-text">
            Write <PlanText plan={pending} /> of the {props.device}. The device acts on it at once.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

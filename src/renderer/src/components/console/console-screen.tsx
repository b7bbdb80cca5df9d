import { useCallback, useEffect, useState, type JSX } from 'react';
import type {
  ConnectionTestView,
  RegisterWriteEntry,
} from '../../../../shared/commissioning-views';
import type { RequestParams } from '../../../../shared/contract';
import { getEmsApi } from '../../bridge/ems-bridge';
import { checkReadForm, type ReadFormErrors, type ReadFormText } from '../../tools/console-input';
import { connectionSummary } from '../../tools/register-format';
import { isStale } from '../../tools/register-reads';
import { useApiCall } from '../tools/use-api-call';
import { DeviceSelect } from './device-select';
import { PollControls } from './poll-controls';
import { ReadStatus } from './read-status';
import { RegisterTable } from './register-table';
import { RegisterWriteForm } from './register-write-form';
import { useModbusDevices } from './use-modbus-devices';
import { useRegisterReads } from './use-register-reads';
import { WriteLogTable } from './write-log-table';

function TextField(props: {
  label: string;
  name: keyof ReadFormText;
  form: ReadFormText;
  errors: ReadFormErrors;
  size: number;
  onChange: (form: ReadFormText) => void;
}): JSX.Element {
  const error = props.errors[props.name];
  return (
    <label>
      {props.label}
      <input
        data-testid={`console-${props.name}`}
        size={props.size}
        value={props.form[props.name]}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `console-${props.name}-error` : undefined}
        onChange={(e) => props.onChange({ ...props.form, [props.name]: e.target.value })}
      />
    </label>
  );
}

/**
 * The Modbus register console: read any block every way at once (once, or polled every N s),
 * with the profile's point names beside the addresses; write in STOP; test the link.
 */
export function ConsoleScreen(): JSX.Element {
  const { devices, device, setDevice } = useModbusDevices();
  const [kind, setKind] = useState<'holding' | 'input'>('holding');
  const [form, setForm] = useState<ReadFormText>({ address: '0', count: '10', scale: '1' });
  const [errors, setErrors] = useState<ReadFormErrors>({});
  const [pollS, setPollS] = useState<number>(2);
  const reads = useRegisterReads();
  const { stopPolling } = reads;
  // A poll reads one device's block: another device or kind is a new request, so polling stops.
  useEffect(stopPolling, [device, kind, stopPolling]);
  const log = useApiCall<readonly RegisterWriteEntry[]>();
  const test = useApiCall<ConnectionTestView>();
  const runLog = log.run;
  const reloadLog = useCallback(() => void runLog(() => getEmsApi().registerWriteLog()), [runLog]);
  useEffect(reloadLog, [reloadLog]);

  /** The read the form describes, or null (the errors are shown) when a field is wrong. */
  const request = (): RequestParams<'registerRead'> | null => {
    const checked = checkReadForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return null;
    }
    setErrors({});
    if (device === null) return null;
    const { address, count, scale } = checked;
    return { device, kind, address, count, scale };
  };
  const submit = (): void => {
    const p = request();
    if (p !== null) reads.readOnce(p);
  };
  const poll = (): void => {
    const p = request();
    if (p !== null) reads.startPolling(p, pollS);
  };
  const last = reads.state.last;

  return (
    <main className="screen tool" aria-label="Register console">
      <section className="panel" aria-labelledby="read-title">
        <h2 id="read-title">Read registers</h2>
        <form
          data-testid="console-read"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <DeviceSelect
            devices={devices}
            device={device}
            onChange={setDevice}
            testId="console-device"
          />
          <label>
            Kind
            <select
              data-testid="console-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value === 'input' ? 'input' : 'holding')}
            >
              <option value="holding">holding (FC 3)</option>
              <option value="input">input (FC 4)</option>
            </select>
          </label>
          <TextField
            label="Address"
            name="address"
            form={form}
            errors={errors}
            size={7}
            onChange={setForm}
          />
          <TextField
            label="Count (1..125)"
            name="count"
            form={form}
            errors={errors}
            size={5}
            onChange={setForm}
          />
          <TextField
            label="Scale"
            name="scale"
            form={form}
            errors={errors}
            size={6}
            onChange={setForm}
          />
          <button
            type="submit"
            className="btn primary"
            data-testid="btn-console-read"
            disabled={device === null || reads.busy || reads.pollingS !== null}
          >
            {reads.busy && reads.pollingS === null ? 'Reading\u2026' : 'Read'}
          </button>
          <PollControls
            intervalS={pollS}
            pollingS={reads.pollingS}
            canStart={device !== null}
            onInterval={setPollS}
            onStart={poll}
            onStop={stopPolling}
          />
          <button
            type="button"
            className="btn"
            data-testid="btn-connection-test"
            disabled={device === null || test.busy}
            onClick={() =>
              device !== null &&
              void test.run(() => getEmsApi().connectionTest({ device, reads: 10 }))
            }
          >
            {test.busy ? 'Testing\u2026' : 'Connection test'}
          </button>
        </form>
        {(Object.keys(errors) as (keyof ReadFormText)[]).map((k) => (
          <p
            key={k}
            id={`console-${k}-error`}
            className="field-error"
            data-testid="console-input-error"
          >
            {errors[k]}
          </p>
        ))}
        <ReadStatus state={reads.state} pollingS={reads.pollingS} />
        {test.error ? (
          <p className="error" role="alert">
            Connection test failed: {test.error}
          </p>
        ) : null}
        {test.result ? (
          <p role="status" data-testid="connection-test-result">
            {test.result.device}: {connectionSummary(test.result)}
          </p>
        ) : null}
      </section>
      {last !== null ? (
        <RegisterTable read={last.read} readAt={last.at} stale={isStale(reads.state)} />
      ) : null}
      <div className="two-col">
        <RegisterWriteForm
          device={device}
          points={
            last !== null && last.read.device === device && last.read.kind === 'holding'
              ? last.read.points
              : []
          }
          onWritten={reloadLog}
        />
        <section className="panel" aria-labelledby="log-title">
          <h2 id="log-title">Write log</h2>
          {log.error ? <p className="error">{log.error}</p> : null}
          <WriteLogTable log={log.result ?? []} />
        </section>
      </div>
    </main>
  );
}

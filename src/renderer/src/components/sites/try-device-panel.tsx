import type { JSX } from 'react';
import type { TryDeviceView } from '../../../../shared/build-site-views';
import { tryDeviceParamsSchema } from '../../../../shared/build-site-views';
import { formatZodError } from '../../../../shared/format-zod-error';
import { getEmsApi } from '../../bridge/ems-bridge';
import { deviceOf, type DeviceForm } from '../../sites/site-form-model';
import { useEms } from '../../store/store-context';
import { useApiCall } from '../tools/use-api-call';

/** Props of one device's connection test. */
export interface TryDevicePanelProps {
  readonly role: 'meter' | 'inverter';
  readonly device: DeviceForm;
}

function Identity(props: { r: TryDeviceView; role: string }): JSX.Element | null {
  const s = props.r.identity;
  if (s === null) return null;
  const who = [s.manufacturer, s.model].filter((x) => x !== null).join(' ') || 'no name in model 1';
  return (
    <p>
      SunSpec model 1: <strong>{who}</strong>, serial{' '}
      <span className="mono" data-testid={`try-serial-${props.role}`}>
        {s.serial ?? '\u2014'}
      </span>
      , version {s.version ?? '\u2014'} (models {s.models.join(', ')} at {s.base})
    </p>
  );
}

/**
 * "Test connection": the device as typed, read once through its profile on a link of its own
 * (reads only, only in STOP). Shows the key live values and the round trip, or what failed,
 * and for a SunSpec device its model 1.
 */
export function TryDevicePanel(props: TryDevicePanelProps): JSX.Element {
  const { role } = props;
  const inStop = useEms((s) => s.snapshot?.state === 'STOP');
  const call = useApiCall<TryDeviceView>();
  const test = (): void => {
    const params = tryDeviceParamsSchema.safeParse({ role, device: deviceOf(props.device) });
    void call.run(() =>
      params.success
        ? getEmsApi().tryDevice(params.data)
        : Promise.reject(new Error(`fix the fields first: ${formatZodError(params.error)}`)),
    );
  };
  const r = call.result;
  return (
    <div className="try-device" aria-live="polite" data-testid={`try-${role}`}>
      <button
        type="button"
        className="btn"
        data-testid={`btn-try-${role}`}
        disabled={call.busy || !inStop}
        onClick={test}
      >
        {call.busy ? 'Testing\u2026' : 'Test connection'}
      </button>{' '}
      {inStop ? null : <span className="hint">Only in STOP (stop the EMS on Live first).</span>}
      {call.error ? (
        <p className="error" role="alert" data-testid={`try-error-${role}`}>
          {call.error}
        </p>
      ) : null}
      {r && !call.error ? (
        <div data-testid={`try-result-${role}`}>
          {r.ok ? (
            <p>
              <strong>Answers</strong> at {r.reach}
              {r.roundTripMs !== null ? `, round trip ${Math.round(r.roundTripMs)} ms` : ''}:{' '}
              {r.values.map((v, i) => (
                <span key={v.label} className="try-value" data-testid="try-value">
                  {i > 0 ? '; ' : ''}
                  {v.label}{' '}
                  <strong className="mono">
                    {v.value === null ? '\u2014' : `${Math.round(v.value * 10) / 10} ${v.unit}`}
                  </strong>
                </span>
              ))}
            </p>
          ) : (
            <p className="error" role="alert" data-testid={`try-error-${role}`}>
              {r.reach}: {r.error}
            </p>
          )}
          <Identity r={r} role={role} />
        </div>
      ) : null}
    </div>
  );
}

import { useEffect, useState, type JSX } from 'react';
import type {
  SunSpecDiscoveryView,
  SunSpecProfileDownload,
} from '../../../../shared/sunspec-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { downloadText } from '../../export/download';
import { addStep, EMPTY_PROGRESS, type DiscoveryProgress } from '../../tools/discovery-progress';
import {
  checkDiscoveryForm,
  type DiscoveryFormErrors,
  type DiscoveryFormText,
} from '../../tools/discovery-form';
import { DeviceSelect } from '../console/device-select';
import { useModbusDevices } from '../console/use-modbus-devices';
import { useApiCall } from '../tools/use-api-call';
import { ModelCard } from './model-card';

/**
 * SunSpec discovery: scan the usual bases for 'SunS', walk the model chain with progress,
 * show what was found and turn it into a device profile to download.
 */
export function DiscoveryScreen(): JSX.Element {
  const { devices, device, setDevice } = useModbusDevices();
  const [progress, setProgress] = useState<DiscoveryProgress>(EMPTY_PROGRESS);
  const discovery = useApiCall<SunSpecDiscoveryView>();
  const profile = useApiCall<SunSpecProfileDownload>();
  const [scan, setScan] = useState<DiscoveryFormText>({ bases: '', unitId: '' });
  const [scanErrors, setScanErrors] = useState<DiscoveryFormErrors>({});
  const ownUnit = devices.result?.find((d) => d.id === device)?.unitId ?? null;

  useEffect(
    () =>
      getEmsApi().subscribe('discoveryProgress', (p) => {
        if (p.device === device) setProgress((old) => addStep(old, p.step));
      }),
    [device],
  );

  const start = (): void => {
    const checked = checkDiscoveryForm(scan);
    setScanErrors(checked.ok ? {} : checked.errors);
    if (device === null || !checked.ok) return;
    setProgress(EMPTY_PROGRESS);
    const { bases, unitId } = checked;
    void discovery.run(() =>
      getEmsApi().discoverSunSpec({
        device,
        ...(bases === null ? {} : { bases }),
        ...(unitId === null ? {} : { unitId }),
      }),
    );
  };
  const download = async (): Promise<void> => {
    const d = discovery.result?.device;
    if (d === undefined) return;
    const p = await profile.run(() => getEmsApi().profileFromDiscovery({ device: d, kind: d }));
    if (p) downloadText(p.filename, p.profile, 'application/json;charset=utf-8');
  };
  const r = discovery.result;

  return (
    <main className="screen tool" aria-label="SunSpec discovery">
      <section className="panel" aria-labelledby="disc-title">
        <h2 id="disc-title">SunSpec discovery</h2>
        <div className="row">
          <DeviceSelect
            devices={devices}
            device={device}
            onChange={setDevice}
            testId="discovery-device"
          />
          <label>
            Base address
            <input
              data-testid="discovery-bases"
              size={14}
              placeholder="40000, 0, 50000"
              value={scan.bases}
              aria-invalid={scanErrors.bases ? 'true' : 'false'}
              onChange={(e) => setScan({ ...scan, bases: e.target.value })}
            />
          </label>
          <label>
            Unit id
            <input
              data-testid="discovery-unit"
              size={4}
              inputMode="numeric"
              placeholder={ownUnit === null ? '' : String(ownUnit)}
              value={scan.unitId}
              aria-invalid={scanErrors.unitId ? 'true' : 'false'}
              onChange={(e) => setScan({ ...scan, unitId: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="btn primary"
            data-testid="btn-discover"
            disabled={device === null || discovery.busy}
            onClick={start}
          >
            {discovery.busy ? 'Discovering\u2026' : 'Start discovery'}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="btn-download-profile"
            disabled={r === null || discovery.busy || profile.busy}
            onClick={() => void download()}
          >
            Download profile
          </button>
        </div>
        {(['bases', 'unitId'] as const).map((k) =>
          scanErrors[k] ? (
            <p key={k} className="field-error" data-testid="discovery-input-error">
              {scanErrors[k]}
            </p>
          ) : null,
        )}
        <p className="hint">
          Looks for &apos;SunS&apos; at the base addresses given (empty: 40000, 0 and 50000) of the
          unit id given (empty: the device&apos;s own), then reads every model.
        </p>
        {progress.registers ? (
          <progress
            max={progress.registers.total}
            value={progress.registers.read}
            style={{ width: '100%' }}
          />
        ) : null}
        <ol className="events" data-testid="discovery-progress" aria-live="polite">
          {progress.lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ol>
        {discovery.error ? (
          <p className="error" role="alert" data-testid="discovery-error">
            {discovery.error}
          </p>
        ) : null}
        {profile.error ? (
          <p className="error" role="alert">
            Profile: {profile.error}
          </p>
        ) : null}
      </section>
      <section data-testid="discovery-models" aria-label="Models found" className="tool">
        {r ? (
          <p>
            {r.models.length} models at base {r.base} of unit {r.unitId} ({r.registersRead}{' '}
            registers in {r.requests} requests)
          </p>
        ) : null}
        {r?.models.map((m) => (
          <ModelCard key={`${m.index}-${m.id}`} model={m} />
        ))}
      </section>
    </main>
  );
}

import { useEffect, useState, type JSX } from 'react';
import type { ScanDeviceView, ScanStartView, ScanView } from '../../../../shared/scan-views';
import {
  scanStore,
  startedScan,
  useScanStore,
  withProgress,
  withScanView,
} from '../../store/scan-store';
import { getEmsApi } from '../../bridge/ems-bridge';
import { useEms } from '../../store/store-context';
import { checkScanForm, INITIAL_SCAN_FORM, type ScanFormText } from '../../tools/scan-form';
import { useApiCall } from '../tools/use-api-call';
import { LocalPortsPanel } from './local-ports-panel';
import { ScanResultsTable } from './scan-results-table';
import './find-devices.css';

/**
 * Find devices: scan addresses for Modbus TCP units (only in STOP; the scan only reads),
 * watch the progress and the units as they are found, cancel, and read each unit's identity
 * and suggested profile. The serial ports and CAN interfaces are listed beside.
 */

function Field(props: {
  id: keyof ScanFormText;
  label: string;
  value: string;
  error: string | null;
  shown: boolean;
  placeholder?: string;
  onChange: (v: string) => void;
}): JSX.Element {
  const invalid = props.shown && props.error !== null;
  return (
    <label>
      {props.label}
      <input
        data-testid={`scan-${props.id}`}
        value={props.value}
        placeholder={props.placeholder}
        aria-invalid={invalid}
        aria-describedby={invalid ? `scan-${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {invalid ? (
        <span className="field-error" id={`scan-${props.id}-error`} role="alert">
          {props.error}
        </span>
      ) : null}
    </label>
  );
}

/** The Find devices screen. */
export function FindDevicesScreen(): JSX.Element {
  const state = useEms((s) => s.snapshot?.state ?? null);
  const [form, setForm] = useState<ScanFormText>(INITIAL_SCAN_FORM);
  const [touched, setTouched] = useState<ReadonlySet<keyof ScanFormText>>(new Set());
  // The scan lives in the scan store, so that its results outlive this screen.
  const progress = useScanStore((s) => s.progress);
  const setScreen = useEms((s) => s.setScreen);
  const start = useApiCall<ScanStartView>();
  const read = useApiCall<ScanView>();
  const check = checkScanForm(form);
  const running = progress !== null && !progress.done;
  const inStop = state === 'STOP';
  const scanId = progress?.scanId ?? null;
  const { run: readRun } = read;

  useEffect(
    () =>
      getEmsApi().subscribe('scanProgress', (p) =>
        scanStore.setState((s) => ({ progress: withProgress(s.progress, p) })),
      ),
    [],
  );
  // At the end (or on coming back to a scan that ran meanwhile) the whole list is read back.
  const done = progress?.done === true;
  useEffect(() => {
    if (scanId === null) return;
    void readRun(() => getEmsApi().getScan({ scanId })).then((v) => {
      if (v) scanStore.setState((s) => ({ progress: withScanView(s.progress, v) }));
    });
  }, [done, scanId, readRun]);
  const useAs = (device: ScanDeviceView, role: 'meter' | 'inverter'): void => {
    scanStore.setState({ draft: { role, device } });
    setScreen('sites');
  };

  const edit = (id: keyof ScanFormText) => (value: string) => {
    setForm((f) => ({ ...f, [id]: value }));
    setTouched((t) => new Set(t).add(id));
  };
  const submit = async (): Promise<void> => {
    setTouched(new Set(['targets', 'ports', 'unitIds']));
    const params = check.params;
    if (params === null) return;
    const r = await start.run(() => getEmsApi().startScan(params));
    if (r) scanStore.setState({ progress: startedScan(r.scanId, r.total) });
  };
  const cancel = (): void => {
    if (scanId !== null) void read.run(() => getEmsApi().cancelScan({ scanId }));
  };

  return (
    <main className="screen tool" aria-label="Find devices">
      <section className="panel" aria-labelledby="scan-title">
        <h2 id="scan-title">Find devices</h2>
        <form
          className="scan-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Field
            id="targets"
            label="Addresses (host, range or CIDR)"
            placeholder="192.168.1.0/24"
            value={form.targets}
            error={check.errors.targets}
            shown={touched.has('targets')}
            onChange={edit('targets')}
          />
          <Field
            id="ports"
            label="TCP ports"
            value={form.ports}
            error={check.errors.ports}
            shown={touched.has('ports')}
            onChange={edit('ports')}
          />
          <Field
            id="unitIds"
            label="Unit ids"
            value={form.unitIds}
            error={check.errors.unitIds}
            shown={touched.has('unitIds')}
            onChange={edit('unitIds')}
          />
          <div className="row">
            <button
              type="submit"
              className="btn primary"
              data-testid="btn-scan"
              disabled={running || start.busy || !inStop}
            >
              {running ? 'Scanning\u2026' : 'Scan'}
            </button>
            <button
              type="button"
              className="btn"
              data-testid="btn-scan-cancel"
              disabled={!running}
              onClick={cancel}
            >
              Cancel
            </button>
          </div>
        </form>
        <p className="hint">
          {inStop
            ? `Reads only, never writes. ${check.addresses > 0 ? `${check.addresses} address${check.addresses === 1 ? '' : 'es'}.` : ''}`
            : 'A scan runs only while the EMS is in STOP: stop it on Live first.'}
        </p>
        {start.error ? (
          <p className="error" role="alert" data-testid="scan-error">
            {start.error}
          </p>
        ) : null}
        {progress ? (
          <div aria-live="polite" data-testid="scan-progress">
            <progress max={progress.total} value={progress.probed} style={{ width: '100%' }} />
            <p>
              {progress.probed} of {progress.total} units probed, {progress.found.length} found
              {progress.done
                ? progress.stopped !== null
                  ? ` (stopped: ${progress.stopped})`
                  : ', done'
                : ''}
            </p>
          </div>
        ) : null}
      </section>
      <section className="panel" aria-label="Devices found">
        <ScanResultsTable found={progress?.found ?? []} onUse={useAs} />
      </section>
      <LocalPortsPanel />
    </main>
  );
}

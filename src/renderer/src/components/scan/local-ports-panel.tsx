import { useEffect, type JSX } from 'react';
import type { LocalPortsView } from '../../../../shared/scan-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { useApiCall } from '../tools/use-api-call';

/** This machine's serial ports and SocketCAN interfaces, for a BMS or Modbus RTU link. */
export function LocalPortsPanel(): JSX.Element {
  const ports = useApiCall<LocalPortsView>();
  const { run } = ports;
  useEffect(() => {
    void run(() => getEmsApi().listLocalPorts());
  }, [run]);
  const r = ports.result;
  return (
    <section className="panel" aria-labelledby="ports-title" data-testid="local-ports">
      <h2 id="ports-title">Serial ports and CAN interfaces</h2>
      <button
        type="button"
        className="btn"
        disabled={ports.busy}
        onClick={() => void run(() => getEmsApi().listLocalPorts())}
      >
        List again
      </button>
      {ports.error ? (
        <p className="error" role="alert">
          {ports.error}
        </p>
      ) : null}
      {r ? (
        <div className="two-col scan-ports">
          <div>
            <h3>Serial (Modbus RTU, slcan)</h3>
            {r.serial.unavailable !== null ? <p>{r.serial.unavailable}</p> : null}
            {r.serial.unavailable === null && r.serial.ports.length === 0 ? <p>None.</p> : null}
            <ul>
              {r.serial.ports.map((p) => (
                <li key={p.path} className="mono">
                  {p.path}
                  {p.manufacturer !== null ? ` (${p.manufacturer})` : ''}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>SocketCAN</h3>
            {r.can.unavailable !== null ? <p>{r.can.unavailable}</p> : null}
            {r.can.unavailable === null && r.can.interfaces.length === 0 ? <p>None.</p> : null}
            <ul data-testid="can-interfaces">
              {r.can.interfaces.map((c) => (
                <li key={c.name} className="mono">
                  {c.name} ({c.state})
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </section>
  );
}

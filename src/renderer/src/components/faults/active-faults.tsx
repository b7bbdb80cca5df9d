import type { JSX } from 'react';
import { formatDateTime } from '../../format/format-values';
import { selectSnapshot } from '../../store/selectors';
import { useEms } from '../../store/store-context';
import { PairedOnly } from '../common/paired-only';
import { FaultGuidanceText } from './fault-guidance-text';

/** The faults active now, and the acknowledgement a latched protection alarm waits for. */
export function ActiveFaults(): JSX.Element {
  const snapshot = useEms(selectSnapshot);
  const runCommands = useEms((s) => s.runCommands);
  const faults = snapshot?.faults ?? [];
  const needsAck = snapshot?.needsAck ?? false;
  // The core refuses an acknowledgement while the alarm is still active: so does the button.
  const alarmActive = faults.some((f) => f.code === 'BMS_PROTECTION_ALARM');
  const canAck = needsAck && !alarmActive;
  return (
    <section className="panel" aria-labelledby="active-title">
      <h2 id="active-title">Active faults</h2>
      <div data-testid="active-faults">
        {faults.length === 0 ? (
          <p>No active faults.</p>
        ) : (
          <ul>
            {faults.map((f) => (
              <li key={f.code}>
                <span className="codes">{f.code}</span>: {f.message} (since{' '}
                {formatDateTime(f.since)})
                <FaultGuidanceText code={f.code} snapshot={snapshot} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="row">
        <PairedOnly what="acknowledge" inline>
          <button
            type="button"
            className="btn primary"
            data-testid="btn-ack-fault"
            disabled={!canAck}
            onClick={() => void runCommands('Acknowledge fault', [{ type: 'acknowledgeFault' }])}
          >
            Acknowledge fault
          </button>
        </PairedOnly>
        <span className="hint">
          {needsAck && alarmActive
            ? ' The BMS alarm is still active: acknowledge becomes possible once it is gone.'
            : needsAck
              ? ' The BMS alarm is gone: acknowledge it to leave FAULT.'
              : ' Nothing to acknowledge: communication faults clear by themselves when the link is back.'}
        </span>
      </div>
    </section>
  );
}

import { useMemo, useState, type JSX } from 'react';
import { formatClock } from '../../format/format-values';
import { faultRecovery } from '../../guidance/fault-recovery';
import { useEms } from '../../store/store-context';

/**
 * After a fault has cleared: what happened and what the operator must do now (choose a mode
 * again, or nothing because auto-resume did). It stays until a mode is chosen or it is
 * dismissed; it is rebuilt from main's fault log, so a reload shows it again.
 */
export function RecoveryBanner(): JSX.Element | null {
  const snapshot = useEms((s) => s.snapshot);
  const faultLog = useEms((s) => s.faultLog);
  const events = useEms((s) => s.events);
  const setScreen = useEms((s) => s.setScreen);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const recovery = useMemo(
    () => (snapshot ? faultRecovery(snapshot, faultLog, events) : null),
    [snapshot, faultLog, events],
  );
  if (!snapshot || !recovery || recovery.clearedAt === dismissed) return null;
  const what = `Fault ${recovery.codes.join(', ')} from ${formatClock(recovery.raisedAt)} to ${formatClock(recovery.clearedAt)}: the output was held at 0 W.`;
  const next = recovery.resumed
    ? ` Auto-resume returned to ${recovery.resumed}.`
    : ` It has cleared; the EMS waits in ${snapshot.state} at 0 W. Choose a mode again under Control.`;
  return (
    <div
      className={`banner ${recovery.resumed ? 'info' : 'warn'}`}
      role="status"
      data-testid="recovery-banner"
    >
      <span className="grow">
        {what}
        {next}
      </span>
      <button type="button" onClick={() => setScreen('faults')}>
        Fault log
      </button>
      <button type="button" onClick={() => setDismissed(recovery.clearedAt)}>
        Dismiss
      </button>
    </div>
  );
}

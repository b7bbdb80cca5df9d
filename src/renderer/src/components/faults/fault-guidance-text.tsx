import type { JSX } from 'react';
import type { LinkId } from '../../../../shared/ems-names';
import { faultGuidance } from '../../../../shared/fault-guidance';
import type { EmsSnapshot } from '../../../../shared/snapshot';

/** The link whose driver a fault code is about. */
function linkOf(code: string): LinkId | null {
  if (code.startsWith('METER_')) return 'meter';
  if (code.startsWith('INVERTER_')) return 'inverter';
  if (code.startsWith('BMS_')) return 'bms';
  return null;
}

/**
 * What to check for a fault code (docs/faults.md), and the driver's last error of the link it
 * is about, as the EMS knows it now: the error is what the technician types into a search.
 */
export function FaultGuidanceText(props: {
  code: string;
  snapshot: EmsSnapshot | null;
}): JSX.Element {
  const link = linkOf(props.code);
  const status = link === null ? null : (props.snapshot?.links[link] ?? null);
  return (
    <div className="fault-guidance" data-testid={`fault-guidance-${props.code}`}>
      <p>
        <strong>What to check:</strong> {faultGuidance(props.code)}
      </p>
      {status !== null ? (
        <p>
          <strong>Driver&apos;s last error:</strong>{' '}
          <span className="link-err">{status.lastError ?? 'none (the link works now)'}</span>
        </p>
      ) : null}
    </div>
  );
}

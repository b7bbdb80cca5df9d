import type { JSX } from 'react';
import type { ScanDeviceView } from '../../../../shared/scan-views';
import { deviceFromFound, foundKey, foundLabel } from '../../sites/found-device';
import type { DeviceForm } from '../../sites/site-form-model';
import { useScanStore } from '../../store/scan-store';

const NONE: readonly ScanDeviceView[] = [];

/** Props of the "Use a found device" choice. */
export interface FoundDeviceChoiceProps {
  readonly role: 'meter' | 'inverter';
  readonly value: DeviceForm;
  readonly onChange: (patch: Partial<DeviceForm>) => void;
}

/**
 * Fills the device from a unit the last scan (Find devices) found: its address, unit id and
 * the profile suggested for this role. Without a scan it says where to run one.
 */
export function FoundDeviceChoice(props: FoundDeviceChoiceProps): JSX.Element {
  // One empty list for "no scan": a new [] per read would re-render without end.
  const found = useScanStore((s) => s.progress?.found ?? NONE);
  const id = `site-found-${props.role}`;
  if (found.length === 0)
    return (
      <p className="hint">
        No scan result to pick from: Find devices scans the network, or type the address.
      </p>
    );
  return (
    <label htmlFor={id}>
      Use a found device
      <select
        id={id}
        data-testid={id}
        value=""
        onChange={(e) => {
          const d = found.find((f) => foundKey(f) === e.target.value);
          if (d) props.onChange(deviceFromFound(d, props.role, props.value));
        }}
      >
        <option value="">{`Pick one of ${found.length} found\u2026`}</option>
        {found.map((d) => (
          <option key={foundKey(d)} value={foundKey(d)}>
            {foundLabel(d)}
            {props.role === 'meter' && d.suggested.meter
              ? ` \u2192 ${d.suggested.meter.profile}`
              : ''}
            {props.role === 'inverter' && d.suggested.inverter
              ? ` \u2192 ${d.suggested.inverter.profile}`
              : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

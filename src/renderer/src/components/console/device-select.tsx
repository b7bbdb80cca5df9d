import type { JSX } from 'react';
import type { ModbusDeviceId, ModbusDeviceView } from '../../../../shared/commissioning-views';
import type { ApiCall } from '../tools/use-api-call';

/** Picks one of the site's Modbus devices. */
export function DeviceSelect(props: {
  devices: ApiCall<readonly ModbusDeviceView[]>;
  device: ModbusDeviceId | null;
  onChange: (d: ModbusDeviceId) => void;
  testId: string;
}): JSX.Element {
  const list = props.devices.result ?? [];
  return (
    <label>
      Device
      <select
        data-testid={props.testId}
        value={props.device ?? ''}
        disabled={list.length === 0}
        onChange={(e) => {
          const d = list.find((x) => x.id === e.target.value);
          if (d) props.onChange(d.id);
        }}
      >
        {list.length === 0 ? (
          <option value="">{props.devices.error ?? 'loading devices\u2026'}</option>
        ) : null}
        {list.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
    </label>
  );
}

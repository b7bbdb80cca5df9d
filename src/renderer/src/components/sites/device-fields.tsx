import type { JSX } from 'react';
import type { LibraryProfileView } from '../../../../shared/build-site-views';
import type { DeviceForm, Reach } from '../../sites/site-form-model';
import { Choice, Field } from './form-field';
import { ProfilePicker } from './profile-picker';

/** Props of one Modbus device's fields. */
export interface DeviceFieldsProps {
  readonly role: 'meter' | 'inverter';
  readonly value: DeviceForm;
  readonly onChange: (patch: Partial<DeviceForm>) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly show: (path: string) => boolean;
  /** The built-in profile library for the picker; null while it loads. */
  readonly library: readonly LibraryProfileView[] | null;
}

const REACHES: readonly (readonly [Reach, string])[] = [
  ['tcp', 'Modbus TCP'],
  ['rtu-gateway', 'RTU through a TCP gateway'],
  ['serial', 'Modbus RTU on a serial port'],
];

/** How a meter or an inverter is reached: host/port/unit, or the serial block, and its profile. */
export function DeviceFields(props: DeviceFieldsProps): JSX.Element {
  const { role, value: d, onChange, errors, show } = props;
  const f = (
    key: string,
    label: string,
    v: string,
    set: (s: string) => void,
    numeric = false,
  ): JSX.Element => {
    const path = `${role}.${key}`;
    return (
      <Field
        label={label}
        path={path}
        value={v}
        onChange={set}
        error={errors[path]}
        show={show(path)}
        inputMode={numeric ? 'numeric' : 'text'}
      />
    );
  };
  return (
    <div className="site-fields">
      <Choice
        label="Connection"
        path={`${role}.reach`}
        value={d.reach}
        options={REACHES}
        onChange={(reach) => onChange({ reach })}
      />
      {d.reach === 'serial' ? (
        <>
          {f('serial.device', 'Serial port', d.serialDevice, (serialDevice) =>
            onChange({ serialDevice }),
          )}
          {f(
            'serial.baudRate',
            'Baud rate',
            d.baudRate,
            (baudRate) => onChange({ baudRate }),
            true,
          )}
          <Choice
            label="Parity"
            path={`${role}.serial.parity`}
            value={d.parity}
            options={[
              ['none', 'none'],
              ['even', 'even'],
              ['odd', 'odd'],
            ]}
            onChange={(parity) => onChange({ parity })}
          />
          {f(
            'serial.dataBits',
            'Data bits',
            d.dataBits,
            (dataBits) => onChange({ dataBits }),
            true,
          )}
          {f(
            'serial.stopBits',
            'Stop bits',
            d.stopBits,
            (stopBits) => onChange({ stopBits }),
            true,
          )}
        </>
      ) : (
        <>
          {f('host', 'Host', d.host, (host) => onChange({ host }))}
          {f('port', 'Port', d.port, (port) => onChange({ port }), true)}
        </>
      )}
      {f('unitId', 'Unit id', d.unitId, (unitId) => onChange({ unitId }), true)}
      <ProfilePicker
        role={role}
        label="Profile"
        path={`${role}.profile`}
        value={d.profile}
        onChange={(profile) => onChange({ profile })}
        error={errors[`${role}.profile`]}
        show={show(`${role}.profile`)}
        library={props.library}
      />
      {f('timeoutMs', 'Timeout (ms)', d.timeoutMs, (timeoutMs) => onChange({ timeoutMs }), true)}
    </div>
  );
}

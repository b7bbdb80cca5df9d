import type { JSX } from 'react';
import type { LibraryProfileView } from '../../../../shared/build-site-views';
import { ProfilePicker } from './profile-picker';
import { BMS_TRANSPORTS, type BmsForm } from '../../sites/site-form-model';
import { Choice, Field } from './form-field';

/** Props of the BMS fields. */
export interface BmsFieldsProps {
  readonly value: BmsForm;
  readonly onChange: (patch: Partial<BmsForm>) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly show: (path: string) => boolean;
  /** The built-in profile library for the picker; null while it loads. */
  readonly library: readonly LibraryProfileView[] | null;
}

const LABELS: Record<(typeof BMS_TRANSPORTS)[number], string> = {
  none: 'No CAN BMS (SOC from the inverter)',
  socketcan: 'SocketCAN interface (Linux)',
  slcan: 'slcan USB adapter',
  socketcand: 'socketcand gateway',
  replay: 'candump log replay',
};

/** The BMS: its CAN transport, that transport's fields, and the protocol profile. */
export function BmsFields(props: BmsFieldsProps): JSX.Element {
  const { value: b, onChange, errors, show } = props;
  const f = (
    key: string,
    label: string,
    v: string,
    set: (s: string) => void,
    numeric = false,
  ): JSX.Element => {
    const path = key === 'profile' ? 'bms.profile' : `bms.transport.${key}`;
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
  const t = b.transport;
  return (
    <div className="site-fields">
      <Choice
        label="Transport"
        path="bms.transport.type"
        value={t}
        options={BMS_TRANSPORTS.map((k) => [k, LABELS[k]] as const)}
        onChange={(transport) => onChange({ transport })}
      />
      {t === 'socketcand' ? f('host', 'Gateway host', b.host, (host) => onChange({ host })) : null}
      {t === 'socketcand'
        ? f('port', 'Gateway port', b.port, (port) => onChange({ port }), true)
        : null}
      {t === 'socketcan' || t === 'socketcand'
        ? f('interface', 'CAN interface', b.interface, (v) => onChange({ interface: v }))
        : null}
      {t === 'slcan'
        ? f('device', 'Serial port', b.device, (device) => onChange({ device }))
        : null}
      {t === 'slcan'
        ? f('bitrate', 'CAN bitrate', b.bitrate, (bitrate) => onChange({ bitrate }), true)
        : null}
      {t === 'replay' ? f('file', 'Log file', b.file, (file) => onChange({ file })) : null}
      {t === 'none' ? null : (
        <ProfilePicker
          role="bms"
          label="Profile (empty: default)"
          path="bms.profile"
          value={b.profile}
          onChange={(profile) => onChange({ profile })}
          error={errors['bms.profile']}
          show={show('bms.profile')}
          library={props.library}
        />
      )}
    </div>
  );
}

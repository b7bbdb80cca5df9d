import type { JSX, ReactNode } from 'react';
import type { LibraryProfileView } from '../../../../shared/build-site-views';
import { deviceOf, type DeviceForm } from '../../sites/site-form-model';
import { DeviceFields } from './device-fields';
import { FoundDeviceChoice } from './found-device-choice';
import { TryDevicePanel } from './try-device-panel';

/** Props of one Modbus device's section of the site form. */
export interface DeviceSectionProps {
  readonly role: 'meter' | 'inverter';
  readonly legend: string;
  readonly value: DeviceForm;
  readonly onChange: (patch: Partial<DeviceForm>) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly show: (path: string) => boolean;
  readonly library: readonly LibraryProfileView[] | null;
  /** More fields of the role (the inverter's rated powers). */
  readonly children?: ReactNode;
}

/** A meter or an inverter: pick a found unit or type it, pick its profile, test it. */
export function DeviceSection(props: DeviceSectionProps): JSX.Element {
  return (
    <fieldset data-testid={`site-section-${props.role}`}>
      <legend>{props.legend}</legend>
      <FoundDeviceChoice role={props.role} value={props.value} onChange={props.onChange} />
      <DeviceFields
        role={props.role}
        value={props.value}
        errors={props.errors}
        show={props.show}
        library={props.library}
        onChange={props.onChange}
      />
      {props.children}
      {/* A changed device is a new test: the last one's answer no longer applies. */}
      <TryDevicePanel
        key={JSON.stringify(deviceOf(props.value))}
        role={props.role}
        device={props.value}
      />
    </fieldset>
  );
}

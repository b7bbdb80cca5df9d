import type { CheckRunView, CommissioningStatusView } from '../../../shared/check-views';

import type { DeviceIdentity } from '../../devices/modbus/sunspec/sunspec-identity';

export type { DeviceIdentity } from '../../devices/modbus/sunspec/sunspec-identity';

/** One device of the site, as the report lists it. */
export interface ReportDevice {
  readonly role: 'meter' | 'inverter' | 'bms';
  /** host:port, a serial port, or the CAN transport. */
  readonly address: string;
  readonly unitId: number | null;
  readonly profile: string;
  /** The profile's `verified` flag; null where profiles have none (BMS). */
  readonly verified: boolean | null;
  /** Model 1 where the device speaks SunSpec and it could be read; null otherwise. */
  readonly identity: DeviceIdentity | null;
}

/** Everything one report shows. */
export interface ReportData {
  readonly siteName: string;
  readonly siteId: string;
  readonly appVersion: string;
  /** Wall-clock ms. */
  readonly generatedAt: number;
  readonly technician: string;
  readonly notes: string;
  readonly devices: readonly ReportDevice[];
  /** The control settings in force, by site-file name. */
  readonly settings: Readonly<Record<string, string | number | boolean | null>>;
  /** The latest finished run of each check (in CHECK_IDS order; absent ones listed as not run). */
  readonly checks: readonly CheckRunView[];
  readonly status: CommissioningStatusView;
}

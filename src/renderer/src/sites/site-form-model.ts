import { NO_REACH_MESSAGE, siteFileSchema, type SiteFile } from '../../../shared/site-schema';
import { controlFormOf, controlObjectOf, DEFAULT_CONTROL, type ControlForm } from './control-form';

/**
 * The site form's state and its validation. The form holds what the technician typed (text);
 * it becomes a site-file object that the one shared site schema checks, so a field gets the
 * same message here as in a `--site` file or from the API ("meter.port: Too big: ...").
 */

/** How a Modbus device is reached. */
export type Reach = 'tcp' | 'rtu-gateway' | 'serial';

/** A Modbus device as typed. */
export interface DeviceForm {
  readonly reach: Reach;
  readonly host: string;
  readonly port: string;
  readonly unitId: string;
  readonly profile: string;
  readonly timeoutMs: string;
  readonly serialDevice: string;
  readonly baudRate: string;
  readonly parity: 'none' | 'even' | 'odd';
  readonly dataBits: string;
  readonly stopBits: string;
}

/** The BMS transports a stored site may name ("memory" is the built-in site's alone). */
export const BMS_TRANSPORTS = ['none', 'socketcan', 'slcan', 'socketcand', 'replay'] as const;
/** A BMS transport choice. */
export type BmsTransportChoice = (typeof BMS_TRANSPORTS)[number];

/** The BMS section as typed. */
export interface BmsForm {
  readonly transport: BmsTransportChoice;
  readonly interface: string;
  readonly device: string;
  readonly bitrate: string;
  readonly host: string;
  readonly port: string;
  readonly file: string;
  readonly profile: string;
}

/**
 * The whole form. `control` is the file's control section as it was (null when new): the
 * settings the form does not show are kept from it; `controlText` holds the shown ones.
 */
export interface SiteForm {
  readonly name: string;
  readonly description: string;
  readonly meter: DeviceForm;
  readonly inverter: DeviceForm & {
    readonly ratedChargeW: string;
    readonly ratedDischargeW: string;
  };
  readonly bms: BmsForm;
  readonly control: SiteFile['control'] | null;
  readonly controlText: ControlForm;
}

const EMPTY_DEVICE: DeviceForm = {
  reach: 'tcp',
  host: '',
  port: '502',
  unitId: '1',
  profile: '',
  timeoutMs: '500',
  serialDevice: '',
  baudRate: '9600',
  parity: 'none',
  dataBits: '8',
  stopBits: '1',
};

/** A new site's form: Modbus TCP on port 502, unit 1, no BMS. */
export const EMPTY_SITE_FORM: SiteForm = {
  name: '',
  description: '',
  meter: EMPTY_DEVICE,
  inverter: { ...EMPTY_DEVICE, ratedChargeW: '', ratedDischargeW: '' },
  bms: {
    transport: 'none',
    interface: 'can0',
    device: '',
    bitrate: '500000',
    host: '',
    port: '29536',
    file: '',
    profile: '',
  },
  control: null,
  controlText: controlFormOf(DEFAULT_CONTROL),
};

/** A typed number as the schema should see it: a number, absent when empty, else the text. */
function num(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** An optional text: absent when empty. */
function opt(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim();
}

/** A device as a site file's entry (what the schema checks and a connection test sends). */
export function deviceOf(d: DeviceForm): Record<string, unknown> {
  const common = { unitId: num(d.unitId), profile: d.profile.trim(), timeoutMs: num(d.timeoutMs) };
  if (d.reach === 'serial') {
    return {
      ...common,
      serial: {
        device: d.serialDevice.trim(),
        baudRate: num(d.baudRate),
        parity: d.parity,
        dataBits: num(d.dataBits),
        stopBits: num(d.stopBits),
      },
    };
  }
  return {
    ...common,
    host: opt(d.host),
    port: num(d.port),
    ...(d.reach === 'rtu-gateway' ? { framing: 'rtu' } : {}),
  };
}

function bmsOf(b: BmsForm): Record<string, unknown> | undefined {
  const withProfile = (transport: Record<string, unknown>): Record<string, unknown> => ({
    transport,
    ...(opt(b.profile) === undefined ? {} : { profile: opt(b.profile) }),
  });
  switch (b.transport) {
    case 'none':
      return undefined;
    case 'socketcan':
      return withProfile({ type: 'socketcan', interface: b.interface.trim() });
    case 'slcan':
      return withProfile({ type: 'slcan', device: b.device.trim(), bitrate: num(b.bitrate) });
    case 'socketcand':
      return withProfile({
        type: 'socketcand',
        host: b.host.trim(),
        port: num(b.port),
        interface: b.interface.trim(),
      });
    case 'replay':
      return withProfile({ type: 'replay', file: b.file.trim() });
  }
}

/** The form as a site-file object (what the schema checks and the API stores). */
export function siteObjectOf(form: SiteForm): Record<string, unknown> {
  const drop = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const inverter = {
    ...deviceOf(form.inverter),
    ratedChargeW: num(form.inverter.ratedChargeW),
    ratedDischargeW: num(form.inverter.ratedDischargeW),
  };
  return drop({
    name: form.name.trim(),
    description: opt(form.description),
    meter: drop(deviceOf(form.meter)),
    inverter: drop(inverter),
    bms: bmsOf(form.bms),
    control: controlObjectOf(form.controlText, form.control),
  });
}

/** The outcome of checking a form: the site file, or each field's first problem by path. */
export type FormCheck =
  | { readonly ok: true; readonly site: SiteFile }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** Checks the form with the shared site schema; errors are keyed "meter.port", "bms.transport.interface". */
export function checkSiteForm(form: SiteForm): FormCheck {
  const parsed = siteFileSchema.safeParse(siteObjectOf(form));
  if (parsed.success) return { ok: true, site: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  // The schema checks how a device is reached only once its other fields parse; the form
  // says it as soon as the host is left empty, with the schema's own words.
  for (const role of ['meter', 'inverter'] as const) {
    const d = form[role];
    if (d.reach !== 'serial' && d.host.trim() === '') errors[`${role}.host`] ??= NO_REACH_MESSAGE;
  }
  return { ok: false, errors };
}

import type { SiteFile } from '../../../shared/site-schema';
import { controlFormOf } from './control-form';
import { EMPTY_SITE_FORM, type BmsForm, type DeviceForm, type SiteForm } from './site-form-model';

/** A stored site as the form shows it, for editing. */

const text = (v: number | string | undefined | null): string =>
  v === undefined || v === null ? '' : String(v);

function deviceForm(d: SiteFile['meter']): DeviceForm {
  const s = d.serial;
  return {
    reach: s !== undefined ? 'serial' : d.framing === 'rtu' ? 'rtu-gateway' : 'tcp',
    host: text(d.host),
    port: text(d.port),
    unitId: text(d.unitId),
    profile: d.profile,
    timeoutMs: text(d.timeoutMs),
    serialDevice: s?.device ?? '',
    baudRate: text(s?.baudRate ?? 9600),
    parity: s?.parity ?? 'none',
    dataBits: text(s?.dataBits ?? 8),
    stopBits: text(s?.stopBits ?? 1),
  };
}

function bmsForm(b: SiteFile['bms']): BmsForm {
  const base = { ...EMPTY_SITE_FORM.bms, profile: b?.profile ?? '' };
  const t = b?.transport;
  switch (t?.type) {
    case undefined:
    case 'memory':
      return { ...base, transport: 'none' };
    case 'socketcan':
      return { ...base, transport: 'socketcan', interface: t.interface };
    case 'slcan':
      return { ...base, transport: 'slcan', device: t.device, bitrate: text(t.bitrate) };
    case 'socketcand':
      return {
        ...base,
        transport: 'socketcand',
        host: t.host,
        port: text(t.port),
        interface: t.interface,
      };
    case 'replay':
      return { ...base, transport: 'replay', file: t.file };
  }
}

/** The form of a stored site; its control settings are carried over unchanged. */
export function siteFormOf(site: SiteFile): SiteForm {
  return {
    name: site.name,
    description: site.description ?? '',
    meter: deviceForm(site.meter),
    inverter: {
      ...deviceForm(site.inverter),
      ratedChargeW: text(site.inverter.ratedChargeW),
      ratedDischargeW: text(site.inverter.ratedDischargeW),
    },
    bms: bmsForm(site.bms),
    control: site.control,
    controlText: controlFormOf(site.control),
  };
}

import { describe, expect, it } from 'vitest';
import { siteFileSchema } from '../../../shared/site-schema';
import { siteFormOf } from './site-form-from-file';
import { checkSiteForm, EMPTY_SITE_FORM, type SiteForm } from './site-form-model';

const FILLED: SiteForm = {
  ...EMPTY_SITE_FORM,
  name: 'Plant room',
  meter: { ...EMPTY_SITE_FORM.meter, host: '10.0.0.5', profile: 'sunspec-meter-203' },
  inverter: {
    ...EMPTY_SITE_FORM.inverter,
    host: '10.0.0.6',
    profile: 'sunspec-storage-124',
    ratedChargeW: '6000',
    ratedDischargeW: '5000',
  },
};

describe('the site form', () => {
  it('a new form names every required field with the schema’s own message', () => {
    const r = checkSiteForm(EMPTY_SITE_FORM);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(
      [
        'name',
        'meter.host',
        'meter.profile',
        'inverter.host',
        'inverter.profile',
        'inverter.ratedChargeW',
        'inverter.ratedDischargeW',
      ].sort(),
    );
    // The same message a --site file gets for the same mistake.
    const direct = siteFileSchema.safeParse({ name: '' });
    expect(r.errors['name']).toBe(direct.error?.issues.find((i) => i.path[0] === 'name')?.message);
  });

  it('a filled form is a valid site file; typed text that is not a number is named', () => {
    const ok = checkSiteForm(FILLED);
    expect(ok.ok).toBe(true);
    const bad = checkSiteForm({ ...FILLED, meter: { ...FILLED.meter, port: '5o2' } });
    expect(bad.ok ? null : bad.errors['meter.port']).toMatch(/expected number, received string/);
    const big = checkSiteForm({ ...FILLED, meter: { ...FILLED.meter, port: '70000' } });
    expect(big.ok ? null : big.errors['meter.port']).toMatch(/65535/);
  });

  it('a serial device and a BMS on socketcand round-trip through the file', () => {
    const form: SiteForm = {
      ...FILLED,
      meter: { ...FILLED.meter, reach: 'serial', serialDevice: '/dev/ttyUSB0', baudRate: '19200' },
      bms: { ...FILLED.bms, transport: 'socketcand', host: '127.0.0.1', interface: 'vcan0' },
    };
    const r = checkSiteForm(form);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.site.meter.serial).toMatchObject({ device: '/dev/ttyUSB0', baudRate: 19200 });
    expect(r.site.bms?.transport).toMatchObject({ type: 'socketcand', port: 29536 });
    const again = checkSiteForm(siteFormOf(r.site));
    expect(again.ok ? again.site : null).toEqual(r.site);
  });

  it('a BMS field is named by its path in the file', () => {
    const r = checkSiteForm({
      ...FILLED,
      bms: { ...FILLED.bms, transport: 'socketcan', interface: 'can 0' },
    });
    expect(r.ok ? null : Object.keys(r.errors)).toEqual(['bms.transport.interface']);
  });
});

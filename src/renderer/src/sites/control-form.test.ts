import { describe, expect, it } from 'vitest';
import { siteFileSchema } from '../../../shared/site-schema';
import { siteFormOf } from './site-form-from-file';
import { CONTROL_FIELDS, CONTROL_KEYS, controlFormOf, DEFAULT_CONTROL } from './control-form';
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

const withControl = (form: SiteForm, patch: Partial<SiteForm['controlText']>): SiteForm => ({
  ...form,
  controlText: { ...form.controlText, ...patch },
});

describe('the control settings of the site form', () => {
  it('every shown setting has a meaning and a unit, and a new site starts at the defaults', () => {
    expect(CONTROL_FIELDS.map((f) => f.key)).toEqual([...CONTROL_KEYS]);
    for (const f of CONTROL_FIELDS)
      expect([f.unit.length > 0, f.meaning.length > 10]).toEqual([true, true]);
    const r = checkSiteForm(FILLED);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.site.control).toEqual(DEFAULT_CONTROL);
  });

  it('typed settings are stored; an empty limit is no limit; an empty setting is its default', () => {
    const r = checkSiteForm(
      withControl(FILLED, {
        gridTargetW: '-200',
        gridExportLimitW: '4000',
        gridImportLimitW: '',
        rampWPerS: ' ',
        meterMaxHoldS: '60',
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.site.control).toMatchObject({
      gridTargetW: -200,
      gridExportLimitW: 4000,
      gridImportLimitW: null,
      rampWPerS: DEFAULT_CONTROL.rampWPerS,
      meterMaxHoldS: 60,
    });
  });

  it('a bad setting gets the schema’s own message under its path, text that is not a number too', () => {
    const low = checkSiteForm(withControl(FILLED, { socMinPct: '90', socMaxPct: '80' }));
    const direct = siteFileSchema.safeParse({
      name: 'x',
      meter: { host: 'a', profile: 'p' },
      inverter: { host: 'b', profile: 'q', ratedChargeW: 1, ratedDischargeW: 1 },
      control: { socMinPct: 90, socMaxPct: 80 },
    });
    const message = direct.error?.issues.find(
      (i) => i.path.join('.') === 'control.socMinPct',
    )?.message;
    expect(message).toBe('socMinPct must be below socMaxPct');
    expect(low.ok ? null : low.errors['control.socMinPct']).toBe(message);
    const text = checkSiteForm(withControl(FILLED, { pollIntervalMs: 'fast' }));
    expect(text.ok ? null : text.errors['control.pollIntervalMs']).toMatch(/expected number/);
    const small = checkSiteForm(withControl(FILLED, { meterMaxHoldS: '1' }));
    expect(small.ok ? null : small.errors['control.meterMaxHoldS']).toMatch(/>=5/);
  });

  it('an edited site keeps the settings the form does not show, as they are in its file', () => {
    const stored = checkSiteForm(FILLED);
    if (!stored.ok) throw new Error('FILLED is valid');
    const file = {
      ...stored.site,
      control: { ...stored.site.control, missedPolls: 7, autoResume: true, gridTargetW: 150 },
    };
    const form = siteFormOf(file);
    expect(form.controlText).toEqual(controlFormOf(file.control));
    const again = checkSiteForm(withControl(form, { deadbandW: '80' }));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.site.control).toEqual({ ...file.control, deadbandW: 80 });
  });
});

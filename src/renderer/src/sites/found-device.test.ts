import { describe, expect, it } from 'vitest';
import type { LibraryProfileView } from '../../../shared/build-site-views';
import type { ScanDeviceView } from '../../../shared/scan-views';
import { deviceFromFound, filterProfiles, foundLabel } from './found-device';
import { EMPTY_SITE_FORM } from './site-form-model';

const INVERTER: ScanDeviceView = {
  host: '192.168.1.20',
  port: 1502,
  unitId: 126,
  sunspec: {
    base: 40000,
    models: [1, 103, 124],
    manufacturer: 'ems-commissioning',
    model: 'sim-inverter',
    serial: 'SIM-INV-5',
    version: '0.1.0',
  },
  probes: [],
  suggested: { inverter: { profile: 'sunspec-storage-124' } },
};

const entry = (
  name: string,
  role: LibraryProfileView['role'],
  verified: boolean | null,
  title = name,
) => ({
  name,
  title,
  role,
  description: null,
  verified,
  sources: [],
  unconfirmed: [],
  sunspec: false,
});

describe('a found device in the site form', () => {
  it('fills address, unit and the profile suggested for the role; keeps the typed profile otherwise', () => {
    const typed = {
      ...EMPTY_SITE_FORM.meter,
      reach: 'serial' as const,
      profile: 'my-meter.json',
      timeoutMs: '900',
    };
    expect(deviceFromFound(INVERTER, 'inverter', typed)).toEqual({
      ...typed,
      reach: 'tcp',
      host: '192.168.1.20',
      port: '1502',
      unitId: '126',
      profile: 'sunspec-storage-124',
    });
    expect(deviceFromFound(INVERTER, 'meter', typed).profile).toBe('my-meter.json');
    expect(foundLabel(INVERTER)).toBe(
      '192.168.1.20:1502 unit 126: ems-commissioning sim-inverter (SIM-INV-5)',
    );
    expect(foundLabel({ ...INVERTER, sunspec: null })).toBe(
      '192.168.1.20:1502 unit 126: no SunSpec',
    );
  });

  it('the profile picker filters by role and every typed word, verified profiles first', () => {
    const library = [
      entry('sunspec-meter-203', 'meter', false, 'SunSpec three-phase wye meter (model 203)'),
      entry('eastron-sdm630', 'meter', true, 'Eastron SDM630 (Modbus RTU)'),
      entry('sunspec-storage-124', 'inverter', false),
      entry('pylontech-v1.2', 'bms', null),
    ];
    expect(filterProfiles(library, 'meter', '').map((p) => p.name)).toEqual([
      'eastron-sdm630',
      'sunspec-meter-203',
    ]);
    expect(filterProfiles(library, 'meter', 'WYE  sunspec').map((p) => p.name)).toEqual([
      'sunspec-meter-203',
    ]);
    expect(filterProfiles(library, 'meter', 'storage')).toEqual([]);
    expect(filterProfiles(library, 'bms', 'pylon').map((p) => p.name)).toEqual(['pylontech-v1.2']);
  });
});

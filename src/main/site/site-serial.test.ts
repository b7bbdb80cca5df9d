import { describe, expect, test } from 'vitest';
import { parseSiteFile, SiteFileError } from './site-loader';
import { siteFileSchema } from './site-schema';

/** A site whose meter is an SDM630 on RS-485 and whose inverter is on Modbus TCP. */
const RTU_SITE = {
  name: 'Cabinet',
  meter: {
    serial: { device: '/dev/ttyUSB0', baudRate: 9600, parity: 'none', stopBits: 1 },
    profile: 'eastron-sdm630',
  },
  inverter: {
    host: '10.0.0.6',
    profile: 'sunspec-storage-124',
    ratedChargeW: 6000,
    ratedDischargeW: 5000,
  },
};

function problem(site: unknown): string | null {
  try {
    parseSiteFile(JSON.stringify(site), 'cabinet.json');
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(SiteFileError);
    return (err as Error).message;
  }
}

describe('site file: Modbus RTU', () => {
  test('a serial block takes dataBits 8 by default and no TCP port', () => {
    const s = siteFileSchema.parse(RTU_SITE);
    expect(s.meter).toEqual({
      serial: { device: '/dev/ttyUSB0', baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1 },
      unitId: 1,
      profile: 'eastron-sdm630',
      timeoutMs: 500,
    });
    expect(s.inverter.port).toBe(502);
  });

  test('RTU through a serial gateway: framing "rtu" beside host/port', () => {
    const s = siteFileSchema.parse({
      ...RTU_SITE,
      meter: { host: '10.0.0.9', port: 4001, framing: 'rtu', profile: 'eastron-sdm630' },
    });
    expect(s.meter).toMatchObject({ host: '10.0.0.9', port: 4001, framing: 'rtu' });
  });

  test('neither host nor serial, or both, is refused by name', () => {
    const { serial: _s, ...noReach } = RTU_SITE.meter;
    expect(problem({ ...RTU_SITE, meter: noReach })).toMatch(
      /meter\.host: give either "host" \(Modbus TCP\) or a "serial" block/,
    );
    expect(problem({ ...RTU_SITE, meter: { ...RTU_SITE.meter, host: 'x' } })).toMatch(
      /meter\.host: a device with a "serial" block takes no "host"/,
    );
    expect(problem({ ...RTU_SITE, meter: { ...RTU_SITE.meter, framing: 'rtu' } })).toMatch(
      /meter\.framing: /,
    );
  });

  test('bad line settings are named by path', () => {
    const line = (serial: object): string | null =>
      problem({
        ...RTU_SITE,
        meter: { ...RTU_SITE.meter, serial: { ...RTU_SITE.meter.serial, ...serial } },
      });
    expect(line({ parity: 'mark' })).toMatch(/meter\.serial\.parity/);
    expect(line({ stopBits: 3 })).toMatch(/meter\.serial\.stopBits/);
    expect(line({ dataBits: 9 })).toMatch(/meter\.serial\.dataBits/);
    expect(line({ baudRate: 0 })).toMatch(/meter\.serial\.baudRate/);
    expect(line({ device: '' })).toMatch(/meter\.serial\.device/);
    expect(
      problem({ ...RTU_SITE, meter: { ...RTU_SITE.meter, serial: { device: 'COM4' } } }),
    ).toMatch(/meter\.serial\.baudRate/);
  });

  test('two devices on one port must agree on its settings, and refusal names both', () => {
    const inverterOn = (serial: object, unitId = 2): unknown => ({
      ...RTU_SITE,
      inverter: {
        serial: { ...RTU_SITE.meter.serial, ...serial },
        unitId,
        profile: 'sim-inverter',
        ratedChargeW: 3000,
        ratedDischargeW: 3000,
      },
    });
    expect(problem(inverterOn({}))).toBeNull();
    expect(problem(inverterOn({ parity: 'even' }))).toBe(
      'site file cabinet.json: inverter.serial: meter and inverter share serial port /dev/ttyUSB0 but disagree on its settings (meter 9600 8N1, inverter 9600 8E1); one port runs at one setting',
    );
    expect(problem(inverterOn({ baudRate: 19200 }))).toMatch(/meter 9600 8N1, inverter 19200 8N1/);
    expect(problem(inverterOn({}, 1))).toMatch(/both use unit id 1/);
    // Different ports may differ.
    expect(problem(inverterOn({ device: '/dev/ttyUSB1', parity: 'even' }))).toBeNull();
  });
});

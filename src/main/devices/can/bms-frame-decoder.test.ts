import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanFrame } from './can-transport';
import { decodeBmsFrame, minimumFrameLength } from './bms-frame-decoder';
import { PYLONTECH_CAN_V1_2 } from './pylontech-protocol';

const frame = (id: number, ...bytes: number[]): CanFrame => ({ id, data: Uint8Array.from(bytes) });

function decodeOk(f: CanFrame) {
  const result = decodeBmsFrame(f, PYLONTECH_CAN_V1_2);
  if (!result.ok) throw new Error(`expected a decoded frame, got: ${result.reason}`);
  return result;
}

describe('decodeBmsFrame: hand-written byte vectors', () => {
  it('0x351: limits, little-endian, 0.1 scale', () => {
    // CVL 53.2 V = 532 = 0x0214; CCL 25.0 A = 0x00FA; DCL 50.0 A = 0x01F4; DVL 48.0 V = 0x01E0
    const r = decodeOk(frame(0x351, 0x14, 0x02, 0xfa, 0x00, 0xf4, 0x01, 0xe0, 0x01));
    expect(r.fields).toEqual({
      chargeVoltageLimitV: 53.2,
      chargeCurrentLimitA: 25,
      dischargeCurrentLimitA: 50,
      dischargeVoltageLimitV: 48,
    });
  });

  it('0x351 of 6 bytes (as some emulators send) decodes without the discharge voltage limit', () => {
    const r = decodeOk(frame(0x351, 0x14, 0x02, 0xfa, 0x00, 0xf4, 0x01));
    expect(r.fields).toEqual({
      chargeVoltageLimitV: 53.2,
      chargeCurrentLimitA: 25,
      dischargeCurrentLimitA: 50,
    });
  });

  it('0x355: SOC and SOH in whole percent; the 6-byte variant adds SOC in 0.01 %', () => {
    expect(decodeOk(frame(0x355, 0x57, 0x00, 0x63, 0x00)).fields).toEqual({
      socPct: 87,
      sohPct: 99,
    });
    // 8734 = 0x221E -> 87.34 %
    expect(decodeOk(frame(0x355, 0x57, 0x00, 0x63, 0x00, 0x1e, 0x22)).fields).toEqual({
      socPct: 87,
      sohPct: 99,
      socHiResPct: 87.34,
    });
  });

  it('0x356: signed voltage (0.01 V), current (0.1 A) and temperature (0.1 degC)', () => {
    // 51.23 V = 5123 = 0x1403; -12.5 A = -125 = 0xFF83; -5.0 degC = -50 = 0xFFCE
    const r = decodeOk(frame(0x356, 0x03, 0x14, 0x83, 0xff, 0xce, 0xff));
    expect(r.fields).toEqual({ voltageV: 51.23, currentA: -12.5, temperatureC: -5 });
    expect(r.alarms).toEqual([]);
  });

  it('0x359: protection bits to alarm codes, warning bytes to warning codes', () => {
    // byte0 0x82: bit1 over-voltage + bit7 discharge over-current; byte1 0x81: charge OC + system error
    // byte2 0x08: high temperature warning; byte3 0x08: internal comm fail; 2 modules; 'PN'
    const r = decodeOk(frame(0x359, 0x82, 0x81, 0x08, 0x08, 0x02, 0x50, 0x4e));
    expect(r.alarms).toEqual([
      'CELL_OVER_VOLTAGE',
      'DISCHARGE_OVER_CURRENT',
      'CHARGE_OVER_CURRENT',
      'SYSTEM_ERROR',
    ]);
    expect(r.warnings).toEqual(['HIGH_TEMPERATURE', 'INTERNAL_COMM_FAIL']);
    expect(r.fields).toEqual({ moduleCount: 2, protocolTag: 'PN' });
  });

  it('0x359: each protection bit maps to its own code; unused bits map to nothing', () => {
    const byBit: Array<[number, number, string]> = [
      [0, 0x02, 'CELL_OVER_VOLTAGE'],
      [0, 0x04, 'CELL_UNDER_VOLTAGE'],
      [0, 0x08, 'OVER_TEMPERATURE'],
      [0, 0x10, 'UNDER_TEMPERATURE'],
      [0, 0x80, 'DISCHARGE_OVER_CURRENT'],
      [1, 0x01, 'CHARGE_OVER_CURRENT'],
      // Public decoders disagree on the system-error bit: the profile raises it on either.
      [1, 0x08, 'SYSTEM_ERROR'],
      [1, 0x80, 'SYSTEM_ERROR'],
    ];
    for (const [byte, mask, code] of byBit) {
      const data = [0, 0, 0, 0];
      data[byte] = mask;
      expect(decodeOk(frame(0x359, ...data)).alarms).toEqual([code]);
    }
    expect(decodeOk(frame(0x359, 0x61, 0x76, 0x61, 0xf6)).alarms).toEqual([]);
    expect(decodeOk(frame(0x359, 0, 0x88, 0, 0)).alarms).toEqual(['SYSTEM_ERROR']);
    expect(decodeOk(frame(0x359, 0x00, 0x00, 0x1e, 0x01)).warnings).toEqual([
      'CELL_HIGH_VOLTAGE',
      'CELL_LOW_VOLTAGE',
      'HIGH_TEMPERATURE',
      'LOW_TEMPERATURE',
      'CHARGE_HIGH_CURRENT',
    ]);
  });

  it('0x35C: request bits to flags', () => {
    expect(decodeOk(frame(0x35c, 0xc0, 0x00)).fields).toEqual({
      chargeEnabled: true,
      dischargeEnabled: true,
      forceCharge: false,
      forceCharge2: false,
      fullChargeRequest: false,
    });
    expect(decodeOk(frame(0x35c, 0xb8, 0x00)).fields).toEqual({
      chargeEnabled: true,
      dischargeEnabled: false,
      forceCharge: true,
      forceCharge2: true,
      fullChargeRequest: true,
    });
  });

  it('0x35E: manufacturer name with its padding stripped', () => {
    expect(decodeOk(frame(0x35e, 0x50, 0x59, 0x4c, 0x4f, 0x4e, 0x20, 0x20, 0x20)).fields).toEqual({
      manufacturer: 'PYLON',
    });
    expect(
      decodeOk(frame(0x35e, 0x50, 0x59, 0x4c, 0x4f, 0x4e, 0x00, 0x41)).fields.manufacturer,
    ).toBe('PYLON');
    expect(decodeOk(frame(0x35e, 0x41, 0x07, 0xff)).fields.manufacturer).toBe('A??');
  });
});

describe('decodeBmsFrame: bad and foreign frames', () => {
  it('rejects a frame too short for its fields, naming the id and both lengths', () => {
    const r = decodeBmsFrame(frame(0x356, 0x03, 0x14, 0x83, 0xff), PYLONTECH_CAN_V1_2);
    expect(r).toEqual({
      ok: false,
      id: 0x356,
      kind: 'malformed',
      reason: 'frame 0x356 (voltage/current/temperature) has 4 byte(s); its fields need at least 6',
    });
    expect(decodeBmsFrame(frame(0x351), PYLONTECH_CAN_V1_2)).toMatchObject({
      ok: false,
      kind: 'malformed',
    });
    expect(decodeBmsFrame(frame(0x35e), PYLONTECH_CAN_V1_2)).toMatchObject({
      ok: false,
      kind: 'malformed',
    });
  });

  it('reports an id the profile does not know as unknown, not as an error', () => {
    expect(decodeBmsFrame(frame(0x35a, 1, 2, 3), PYLONTECH_CAN_V1_2)).toEqual({
      ok: false,
      id: 0x35a,
      kind: 'unknown',
      reason: 'id 0x35A is not in profile pylontech-v1.2',
    });
    // Same number as a known frame but 29-bit: a different frame on the wire.
    expect(decodeBmsFrame({ id: 0x356, data: new Uint8Array(8), extended: true })).toMatchObject({
      kind: 'unknown',
    });
  });

  it('reads the fields it knows from a frame longer than needed', () => {
    expect(decodeOk(frame(0x35c, 0x40, 0x00, 0xff, 0xff)).fields.dischargeEnabled).toBe(true);
  });

  it('never throws, whatever the id and 0..8 bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 0x1fffffff }),
        fc.uint8Array({ minLength: 0, maxLength: 8 }),
        fc.boolean(),
        (id, data, extended) => {
          const result = decodeBmsFrame({ id, data, extended });
          if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('decodes a known id exactly when the frame holds its required fields', () => {
    const ids = PYLONTECH_CAN_V1_2.frames.map((f) => f.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.uint8Array({ minLength: 0, maxLength: 8 }),
        (id, data) => {
          const spec = PYLONTECH_CAN_V1_2.frames.find((f) => f.id === id);
          const result = decodeBmsFrame({ id, data });
          expect(result.ok).toBe(data.length >= (spec ? minimumFrameLength(spec) : Infinity));
          if (result.ok) {
            for (const value of Object.values(result.fields)) {
              if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('never throws on values that are not frames at all', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const result = decodeBmsFrame(junk as CanFrame);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
    expect(decodeBmsFrame(null as unknown as CanFrame)).toMatchObject({
      ok: false,
      kind: 'malformed',
    });
    expect(decodeBmsFrame({ id: 0x351, data: [1, 2] } as unknown as CanFrame)).toMatchObject({
      ok: false,
      reason: 'frame 0x351 has no byte data',
    });
  });
});

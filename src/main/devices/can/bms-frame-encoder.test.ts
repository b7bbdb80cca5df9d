import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BmsReading } from '../../core/measurements';
import { decodeBmsFrame } from './bms-frame-decoder';
import { encodeBmsFrames } from './bms-frame-encoder';
import {
  PYLONTECH_ALARM_CODES,
  PYLONTECH_CAN_V1_2,
  PYLONTECH_WARNING_CODES,
} from './pylontech-protocol';

const READING: BmsReading = {
  socPct: 87,
  sohPct: 99,
  voltageV: 51.23,
  currentA: -12.5,
  temperatureC: -5,
  chargeVoltageLimitV: 53.2,
  chargeCurrentLimitA: 25,
  dischargeCurrentLimitA: 50,
  chargeEnabled: true,
  dischargeEnabled: false,
  alarms: ['CELL_OVER_VOLTAGE', 'SYSTEM_ERROR'],
  warnings: ['HIGH_TEMPERATURE'],
};

const hex = (data: Uint8Array): number[] => Array.from(data);

/** Decodes a frame set back into the reading fields a round trip must preserve. */
function decodeAll(reading: BmsReading) {
  const fields: Record<string, number | boolean | string> = {};
  const alarms: string[] = [];
  const warnings: string[] = [];
  for (const frame of encodeBmsFrames(reading)) {
    const result = decodeBmsFrame(frame, PYLONTECH_CAN_V1_2);
    if (!result.ok) throw new Error(result.reason);
    Object.assign(fields, result.fields);
    alarms.push(...result.alarms);
    warnings.push(...result.warnings);
  }
  return { fields, alarms, warnings };
}

describe('encodeBmsFrames', () => {
  it('lays out the v1.2 frame set byte for byte', () => {
    const frames = encodeBmsFrames(READING);
    expect(frames.map((f) => f.id)).toEqual([0x351, 0x355, 0x356, 0x359, 0x35c, 0x35e]);
    const byId = new Map(frames.map((f) => [f.id, hex(f.data)]));
    expect(byId.get(0x351)).toEqual([0x14, 0x02, 0xfa, 0x00, 0xf4, 0x01, 0x00, 0x00]);
    expect(byId.get(0x355)).toEqual([0x57, 0x00, 0x63, 0x00]);
    expect(byId.get(0x356)).toEqual([0x03, 0x14, 0x83, 0xff, 0xce, 0xff]);
    // SYSTEM_ERROR is sent on both bits the profile reads it from (bits 3 and 7 of byte 1).
    expect(byId.get(0x359)).toEqual([0x02, 0x88, 0x08, 0x00, 0x01, 0x50, 0x4e]);
    expect(byId.get(0x35c)).toEqual([0x80, 0x00]);
    expect(byId.get(0x35e)).toEqual([0x50, 0x59, 0x4c, 0x4f, 0x4e, 0x20, 0x20, 0x20]);
  });

  it('takes a manufacturer name and values for fields a reading lacks', () => {
    const frames = encodeBmsFrames(READING, 'ACME-BATTERY', {
      extras: { dischargeVoltageLimitV: 48, forceCharge: true },
    });
    const byId = new Map(frames.map((f) => [f.id, hex(f.data)]));
    expect(byId.get(0x351)?.slice(6)).toEqual([0xe0, 0x01]);
    expect(byId.get(0x35c)).toEqual([0xa0, 0x00]);
    expect(String.fromCharCode(...(byId.get(0x35e) ?? []))).toBe('ACME-BAT');
  });

  it('saturates values the wire cannot carry instead of wrapping them', () => {
    const frames = encodeBmsFrames({ ...READING, voltageV: 1000, currentA: -5000, socPct: -3 });
    const decoded = frames.map((f) => decodeBmsFrame(f));
    const fields = Object.assign({}, ...decoded.map((d) => (d.ok ? d.fields : {}))) as Record<
      string,
      unknown
    >;
    expect(fields.voltageV).toBe(327.67);
    expect(fields.currentA).toBe(-3276.8);
    expect(fields.socPct).toBe(0);
  });

  it('round-trips any reading through decode within the scale resolution', () => {
    const num = (min: number, max: number) =>
      fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    const readingArb = fc.record({
      socPct: num(0, 100),
      sohPct: num(0, 100),
      voltageV: num(0, 327),
      currentA: num(-3000, 3000),
      temperatureC: num(-40, 120),
      chargeVoltageLimitV: num(0, 6000),
      chargeCurrentLimitA: num(0, 3000),
      dischargeCurrentLimitA: num(0, 3000),
      chargeEnabled: fc.boolean(),
      dischargeEnabled: fc.boolean(),
      alarms: fc.subarray([...PYLONTECH_ALARM_CODES]),
      warnings: fc.subarray([...PYLONTECH_WARNING_CODES]),
    });
    fc.assert(
      fc.property(readingArb, (reading) => {
        const { fields, alarms, warnings } = decodeAll(reading);
        const within = (name: keyof BmsReading, resolution: number) =>
          expect(
            Math.abs((fields[name] as number) - (reading[name] as number)),
          ).toBeLessThanOrEqual(resolution / 2 + 1e-9);
        within('socPct', 1);
        within('sohPct', 1);
        within('voltageV', 0.01);
        within('currentA', 0.1);
        within('temperatureC', 0.1);
        within('chargeVoltageLimitV', 0.1);
        within('chargeCurrentLimitA', 0.1);
        within('dischargeCurrentLimitA', 0.1);
        expect(fields.chargeEnabled).toBe(reading.chargeEnabled);
        expect(fields.dischargeEnabled).toBe(reading.dischargeEnabled);
        expect(new Set(alarms)).toEqual(new Set(reading.alarms));
        expect(new Set(warnings)).toEqual(new Set(reading.warnings));
      }),
    );
  });
});

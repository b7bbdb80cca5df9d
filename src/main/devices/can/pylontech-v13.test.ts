import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BmsReading } from '../../core/measurements';
import { createBmsAssembler } from './bms-assembler';
import { decodeBmsFrame } from './bms-frame-decoder';
import { encodeBmsFrames } from './bms-frame-encoder';
import { PYLONTECH_CAN_V1_3, profileCodes } from './pylontech-protocol';

/** The Pylontech v1.3 profile: SMA-style alarm pairs, no flag frame, product information. */

const READING: BmsReading = {
  socPct: 64.37,
  sohPct: 97,
  voltageV: 52.3,
  currentA: 8.5,
  temperatureC: 23.4,
  chargeVoltageLimitV: 55.2,
  chargeCurrentLimitA: 60,
  dischargeCurrentLimitA: 90,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: [],
};

const frame = (id: number, ...bytes: number[]) => ({ id, data: Uint8Array.from(bytes) });

function assemble(reading: BmsReading) {
  const assembler = createBmsAssembler(PYLONTECH_CAN_V1_3);
  for (const f of encodeBmsFrames(reading, 'PYLON', { table: PYLONTECH_CAN_V1_3 }))
    assembler.accept(f, 1000);
  return assembler.reading()?.value;
}

describe('Pylontech v1.3 profile', () => {
  it('has the ids of a real v1.3 capture: 351 355 356 35A 35E 35F', () => {
    expect(PYLONTECH_CAN_V1_3.frames.map((f) => f.id)).toEqual([
      0x351, 0x355, 0x356, 0x35a, 0x35e, 0x35f,
    ]);
    expect(PYLONTECH_CAN_V1_3.frames.find((f) => f.id === 0x355)?.length).toBe(6);
  });

  it('reads 0x35A bit pairs: 01 is active, 10 cleared, 00 and 11 not active', () => {
    // byte 0: general alarm 01, over-voltage 10, under-voltage 00, over-temperature 11.
    const r = decodeBmsFrame(
      frame(0x35a, 0b11_00_10_01, 0, 0, 0, 0b0000_0100, 0, 0, 0),
      PYLONTECH_CAN_V1_3,
    );
    expect(r).toMatchObject({
      ok: true,
      alarms: ['GENERAL_ALARM'],
      warnings: ['CELL_HIGH_VOLTAGE'],
    });
    const allCleared = decodeBmsFrame(
      frame(0x35a, 0xaa, 0xaa, 0xaa, 0x02, 0xaa, 0xaa, 0xaa, 0x02),
      PYLONTECH_CAN_V1_3,
    );
    expect(allCleared).toMatchObject({ ok: true, alarms: [], warnings: [] });
  });

  it('rejects a 0x35A too short for its warning bytes, with a reason', () => {
    expect(decodeBmsFrame(frame(0x35a, 0, 0, 0, 0), PYLONTECH_CAN_V1_3)).toMatchObject({
      ok: false,
      kind: 'malformed',
      reason: expect.stringContaining('has 4 byte(s); its fields need at least 8') as string,
    });
  });

  it('reads 0x35F as product information, not flags', () => {
    const r = decodeBmsFrame(
      frame(0x35f, 0x4c, 0x49, 0x02, 0x01, 0x64, 0x00, 0, 0),
      PYLONTECH_CAN_V1_3,
    );
    expect(r).toEqual({
      ok: true,
      id: 0x35f,
      fields: { productType: 'LI', firmwareVersion: 0x0102, capacityAh: 100 },
      alarms: [],
      warnings: [],
    });
  });

  it('derives charge and discharge permission from CCL and DCL, having no 0x35C', () => {
    expect(assemble(READING)).toMatchObject({ chargeEnabled: true, dischargeEnabled: true });
    expect(assemble({ ...READING, chargeCurrentLimitA: 0 })).toMatchObject({
      chargeEnabled: false,
      dischargeEnabled: true,
    });
    expect(assemble({ ...READING, dischargeCurrentLimitA: 0 })).toMatchObject({
      chargeEnabled: true,
      dischargeEnabled: false,
    });
  });

  it('uses the 0.01 % SOC of the 6-byte 0x355, unless it disagrees with the whole-percent SOC', () => {
    expect(assemble(READING)?.socPct).toBe(64.37);
    const assembler = createBmsAssembler(PYLONTECH_CAN_V1_3);
    for (const f of encodeBmsFrames(READING, 'PYLON', { table: PYLONTECH_CAN_V1_3 })) {
      // A battery that leaves the high-resolution field at 0.
      assembler.accept(f.id === 0x355 ? frame(0x355, 64, 0, 97, 0, 0, 0) : f, 1000);
    }
    expect(assembler.reading()?.value.socPct).toBe(64);
  });

  it('round-trips every alarm and warning code it knows', () => {
    const alarms = profileCodes(PYLONTECH_CAN_V1_3, 'alarm');
    const warnings = profileCodes(PYLONTECH_CAN_V1_3, 'warning');
    expect(alarms).toHaveLength(13);
    expect(warnings).toHaveLength(13);
    fc.assert(
      fc.property(fc.subarray(alarms), fc.subarray(warnings), (a, w) => {
        const value = assemble({ ...READING, alarms: a, warnings: w });
        expect(new Set(value?.alarms)).toEqual(new Set(a));
        expect(new Set(value?.warnings)).toEqual(new Set(w));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { BmsReading } from '../../core/measurements';
import { MAX_TRACKED_UNKNOWN_IDS, createBmsAssembler } from './bms-assembler';
import type { BmsCanProfile } from './bms-can-profile';
import type { CanFrame } from './can-transport';
import { encodeBmsFrames } from './bms-frame-encoder';
import { PYLONTECH_CAN_V1_2 } from './pylontech-protocol';

const READING: BmsReading = {
  socPct: 64,
  sohPct: 97,
  voltageV: 52.1,
  currentA: 8.4,
  temperatureC: 23.5,
  chargeVoltageLimitV: 55.2,
  chargeCurrentLimitA: 74,
  dischargeCurrentLimitA: 100,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: [],
};

const frameOf = (reading: BmsReading, id: number): CanFrame => {
  const found = encodeBmsFrames(reading).find((f) => f.id === id);
  if (!found) throw new Error(`no frame ${id}`);
  return found;
};

describe('BMS assembler', () => {
  it('builds no reading until every essential frame has been seen', () => {
    const assembler = createBmsAssembler();
    for (const id of [0x351, 0x355, 0x356, 0x359, 0x35e]) {
      assembler.accept(frameOf(READING, id), 1000);
      expect(assembler.reading()).toBeNull();
    }
    assembler.accept(frameOf(READING, 0x35c), 1010);
    expect(assembler.reading()).toEqual({ value: READING, at: 1000 });
  });

  it('updates with new frames; the sample is as old as its oldest essential frame', () => {
    const assembler = createBmsAssembler();
    for (const f of encodeBmsFrames(READING)) assembler.accept(f, 1000);
    assembler.accept(frameOf({ ...READING, voltageV: 53.07, currentA: -20 }, 0x356), 2000);
    const sample = assembler.reading();
    expect(sample?.value.voltageV).toBe(53.07);
    expect(sample?.value.currentA).toBe(-20);
    // Only 0x356 is fresh: the BMS went quiet on the rest, and the sample must show it.
    expect(sample?.at).toBe(1000);
    for (const f of encodeBmsFrames(READING)) assembler.accept(f, 3000);
    expect(assembler.reading()?.at).toBe(3000);
    expect(assembler.stats().lastValidFrameAt).toBe(3000);
  });

  it('turns 0x359 bits into alarm and warning codes, and clears them when the bits clear', () => {
    const assembler = createBmsAssembler();
    const alarmed = {
      ...READING,
      alarms: ['UNDER_TEMPERATURE', 'CHARGE_OVER_CURRENT'],
      warnings: ['LOW_TEMPERATURE'],
    };
    for (const f of encodeBmsFrames(alarmed)) assembler.accept(f, 1);
    expect(assembler.reading()?.value.alarms).toEqual(['UNDER_TEMPERATURE', 'CHARGE_OVER_CURRENT']);
    expect(assembler.reading()?.value.warnings).toEqual(['LOW_TEMPERATURE']);
    assembler.accept({ id: 0x359, data: Uint8Array.from([0, 0, 0, 0]) }, 2);
    expect(assembler.reading()?.value.alarms).toEqual([]);
    expect(assembler.reading()?.value.warnings).toEqual([]);
  });

  it('reads the charge/discharge permissions from 0x35C', () => {
    const assembler = createBmsAssembler();
    for (const f of encodeBmsFrames(READING)) assembler.accept(f, 1);
    assembler.accept({ id: 0x35c, data: Uint8Array.from([0x40, 0]) }, 2);
    expect(assembler.reading()?.value).toMatchObject({
      chargeEnabled: false,
      dischargeEnabled: true,
    });
  });

  it('clamps negative current limits to zero: never more than the BMS allows', () => {
    const assembler = createBmsAssembler();
    for (const f of encodeBmsFrames(READING)) assembler.accept(f, 1);
    // CCL -5.0 A (0xFFCE), DCL -0.1 A (0xFFFF)
    assembler.accept({ id: 0x351, data: Uint8Array.from([0x28, 0x02, 0xce, 0xff, 0xff, 0xff]) }, 2);
    expect(assembler.reading()?.value).toMatchObject({
      chargeCurrentLimitA: 0,
      dischargeCurrentLimitA: 0,
    });
  });

  it('counts received, decoded, malformed (with the last reason) and unknown frames', () => {
    const assembler = createBmsAssembler();
    for (const f of encodeBmsFrames(READING)) assembler.accept(f, 5);
    const short = assembler.accept({ id: 0x356, data: Uint8Array.from([1, 2]) }, 6);
    expect(short).toMatchObject({ ok: false, kind: 'malformed' });
    assembler.accept({ id: 0x35a, data: new Uint8Array(8) }, 7);
    assembler.accept({ id: 0x305, data: new Uint8Array(8) }, 8);
    assembler.accept({ id: 0x35a, data: new Uint8Array(8) }, 9);
    expect(assembler.stats()).toEqual({
      framesReceived: 10,
      framesDecoded: 6,
      framesMalformed: 1,
      lastMalformedReason:
        'frame 0x356 (voltage/current/temperature) has 2 byte(s); its fields need at least 6',
      framesUnknown: 3,
      unknownIds: [0x305, 0x35a],
      lastValidFrameAt: 5,
    });
    // A malformed frame does not wipe the last good one.
    expect(assembler.reading()?.value.voltageV).toBe(52.1);
    expect(assembler.latestFrame(0x35e)?.fields.manufacturer).toBe('PYLON');
  });

  it('bounds the set of unknown ids on a busy bus', () => {
    const assembler = createBmsAssembler();
    for (let id = 0; id < 200; id++) assembler.accept({ id, data: new Uint8Array(0) }, 1);
    expect(assembler.stats().unknownIds).toHaveLength(MAX_TRACKED_UNKNOWN_IDS);
    expect(assembler.stats().framesUnknown).toBe(200);
  });

  it('with a profile that has no enable flags (like v1.3), permits by the current limits', () => {
    const noFlags: BmsCanProfile = {
      ...PYLONTECH_CAN_V1_2,
      name: 'no-flags',
      frames: PYLONTECH_CAN_V1_2.frames.filter((f) => f.id !== 0x35c),
      essentialIds: [0x351, 0x355, 0x356],
    };
    const assembler = createBmsAssembler(noFlags);
    const frames = encodeBmsFrames({ ...READING, chargeCurrentLimitA: 0 }, 'PYLON', {
      table: noFlags,
    });
    for (const f of frames) assembler.accept(f, 1);
    expect(assembler.reading()?.value).toMatchObject({
      chargeEnabled: false,
      dischargeEnabled: true,
    });
  });

  it('prefers the 0.01 % SOC when the battery sends it', () => {
    const assembler = createBmsAssembler();
    for (const f of encodeBmsFrames(READING)) assembler.accept(f, 1);
    // SOC 64 %, SOH 97 %, hi-res 64.37 % (6437 = 0x1925)
    assembler.accept({ id: 0x355, data: Uint8Array.from([64, 0, 97, 0, 0x25, 0x19]) }, 2);
    expect(assembler.reading()?.value.socPct).toBe(64.37);
  });
});

import { describe, expect, it } from 'vitest';
import { bmsCanProfileSchema } from './bms-can-profile';
import type { BmsCanProfile } from './bms-can-profile';
import { PYLONTECH_CAN_V1_2 } from './pylontech-protocol';

describe('BMS CAN profile format', () => {
  it('accepts the built-in Pylontech table, also after a trip through JSON', () => {
    expect(bmsCanProfileSchema.parse(PYLONTECH_CAN_V1_2)).toEqual(PYLONTECH_CAN_V1_2);
    const fromJson: unknown = JSON.parse(JSON.stringify(PYLONTECH_CAN_V1_2));
    expect(bmsCanProfileSchema.parse(fromJson)).toEqual(PYLONTECH_CAN_V1_2);
  });

  const broken = (change: (p: BmsCanProfile) => unknown): string => {
    const copy = JSON.parse(JSON.stringify(PYLONTECH_CAN_V1_2)) as BmsCanProfile;
    const result = bmsCanProfileSchema.safeParse(change(copy) ?? copy);
    return result.success ? 'accepted' : result.error.issues.map((i) => i.message).join('; ');
  };

  it('names the frame and field of an inconsistent profile', () => {
    expect(
      broken((p) => {
        p.frames.push({ ...p.frames[0]!, label: 'again' });
      }),
    ).toContain('frame 0x351 is listed twice');
    expect(
      broken((p) => {
        p.frames[2]!.fields.push({ name: 'late', type: 'u16', offset: 7 });
      }),
    ).toContain('frame 0x356: late ends past byte 8');
    expect(
      broken((p) => {
        p.frames[2]!.fields.push({ name: 'voltageV', type: 'u8', offset: 5 });
      }),
    ).toContain('frame 0x356: field name voltageV is used twice');
    expect(
      broken((p) => {
        p.essentialIds.push(0x35a);
      }),
    ).toContain('essential id 0x35A has no frame in the profile');
    expect(
      broken((p) => {
        p.frames[1]!.length = 2;
      }),
    ).toContain("frame 0x355: required sohPct ends past the frame's length 2");
  });

  it('rejects unknown keys and bad types', () => {
    expect(broken((p) => ({ ...p, extra: 1 }))).not.toBe('accepted');
    expect(
      broken((p) => {
        (p.frames[0]!.fields[0] as { type: string }).type = 'u32';
      }),
    ).not.toBe('accepted');
    expect(
      broken((p) => {
        (p.frames[0]!.fields[0] as { scale?: number }).scale = 0;
      }),
    ).toContain('scale must not be 0');
  });
});

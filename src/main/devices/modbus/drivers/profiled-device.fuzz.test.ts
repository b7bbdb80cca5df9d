import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { registerCount } from '../profile/codec';
import { InverterDriver } from './inverter-driver';
import { MemoryTransport } from '../wire/memory-transport';
import { MeterDriver } from './meter-driver';
import { ModbusError, ModbusExceptionError, ModbusValueError } from '../wire/modbus-errors';
import { deviceProfileSchema, REGISTER_TYPES, type DeviceProfile } from '../profile/profile-schema';
import { ProfiledDevice } from './profiled-device';

/**
 * Fuzzing register values through profiles: random valid profiles (absolute addressing) over
 * random register maps in the in-memory transport. Whatever the registers hold, a read gives
 * every point as a finite number or null; the only rejections are the device's own exception
 * replies (a register it does not have, named by kind and span) and the drivers' "no valid
 * value" for the one point they cannot do without (named).
 */

interface PointDraft {
  readonly address: number;
  readonly kind: 'holding' | 'input';
  readonly type: (typeof REGISTER_TYPES)[number];
  readonly wordOrder?: 'big' | 'little';
  readonly scale?: number;
  readonly sfRef?: number;
}

const pointDraft: fc.Arbitrary<PointDraft> = fc.record(
  {
    address: fc.integer({ min: 0, max: 60 }),
    kind: fc.constantFrom('holding' as const, 'input' as const),
    type: fc.constantFrom(...REGISTER_TYPES),
    wordOrder: fc.constantFrom('big' as const, 'little' as const),
    scale: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
    sfRef: fc.nat(20),
  },
  { requiredKeys: ['address', 'kind', 'type'] },
);

/** Points p0..pN; a scale-factor reference is kept only when it names an int16 point. */
function pointsOf(
  drafts: readonly PointDraft[],
  writable: ReadonlySet<number>,
): DeviceProfile['points'] {
  return Object.fromEntries(
    drafts.map((d, i) => {
      const sf = d.sfRef === undefined ? undefined : drafts[d.sfRef % drafts.length];
      const sfName = sf?.type === 'int16' ? `p${(d.sfRef ?? 0) % drafts.length}` : undefined;
      return [
        `p${i}`,
        {
          address: d.address,
          kind: writable.has(i) ? 'holding' : d.kind,
          type: d.type,
          unit: '',
          access: writable.has(i) ? 'rw' : 'r',
          ...(d.wordOrder ? { wordOrder: d.wordOrder } : {}),
          ...(d.scale !== undefined ? { scale: d.scale } : {}),
          ...(sfName !== undefined ? { scaleFactorPoint: sfName } : {}),
        },
      ];
    }),
  );
}

const valid = (p: unknown): DeviceProfile | null => {
  const parsed = deviceProfileSchema.safeParse(p);
  return parsed.success ? parsed.data : null;
};

const common = {
  wordOrder: fc.constantFrom('big' as const, 'little' as const),
  maxReadGap: fc.nat(6),
  drafts: fc.array(pointDraft, { minLength: 4, maxLength: 10 }),
};

const meterProfile = fc
  .record({ ...common, sign: fc.constantFrom(1 as const, -1 as const), power: fc.nat(9) })
  .map(({ drafts, sign, power, ...rest }) =>
    valid({
      name: 'fuzz meter',
      kind: 'meter',
      ...rest,
      points: pointsOf(drafts, new Set()),
      meter: { powerPoint: `p${power % drafts.length}`, powerSign: sign },
    }),
  )
  .filter((p): p is DeviceProfile => p !== null);

const inverterProfile = fc
  .record({ ...common, sign: fc.constantFrom(1 as const, -1 as const), counter: fc.boolean() })
  .map(({ drafts, sign, counter, ...rest }) =>
    valid({
      name: 'fuzz inverter',
      kind: 'inverter',
      ...rest,
      // p0 setpoint, p1 watchdog timeout, p2 heartbeat: the points the EMS writes.
      points: pointsOf(drafts, new Set([0, 1, 2])),
      inverter: {
        powerPoint: 'p3',
        powerSign: sign,
        socPoint: 'p2',
        ratedChargePoint: 'p1',
        ratedDischargePoint: 'p3',
        setpoint: { method: 'signedWatts', point: 'p0', sign },
        watchdog: {
          timeoutPoint: 'p1',
          timeoutS: 10,
          refresh: counter ? { by: 'counter', point: 'p2' } : { by: 'setpointWrite' },
        },
      },
    }),
  )
  .filter((p): p is DeviceProfile => p !== null);

/** Random words for the profile's registers; some left undefined (the device has no such register). */
const registerMap = fc.array(fc.option(fc.integer({ min: 0, max: 0xffff }), { freq: 12 }), {
  minLength: 80,
  maxLength: 80,
});

function transportFor(words: readonly (number | null)[]): MemoryTransport {
  const t = new MemoryTransport('fuzz device');
  // Every register a point or a read gap may touch: both tables, 0..79.
  words.forEach((w, address) => {
    if (w === null) return;
    t.set('holding', address, [w]);
    t.set('input', address, [(w * 7) & 0xffff]);
  });
  return t;
}

/** The only way a read may fail here: the device's exception for a register it lacks. */
function expectExceptionReply(err: unknown): void {
  expect(err).toBeInstanceOf(ModbusExceptionError);
  expect((err as Error).message).toMatch(
    /^fuzz device: Modbus exception 2 \(illegal data address\) (holding|input) \d+\+\d+$/,
  );
}

function hasEveryRegister(profile: DeviceProfile, words: readonly (number | null)[]): boolean {
  return Object.values(profile.points).every((p) =>
    Array.from({ length: registerCount(p.type) }, (_, i) => words[p.address + i]).every(
      (w) => w !== null && w !== undefined,
    ),
  );
}

describe('ProfiledDevice.readAll over random register maps', () => {
  test('every point is a finite number or null; the only rejection is an exception reply', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(meterProfile, inverterProfile),
        registerMap,
        async (profile, words) => {
          const device = new ProfiledDevice(profile, transportFor(words));
          try {
            const values = await device.readAll();
            expect(Object.keys(values).sort()).toEqual(Object.keys(profile.points).sort());
            for (const v of Object.values(values))
              expect(v === null || Number.isFinite(v)).toBe(true);
          } catch (err) {
            expectExceptionReply(err);
            // With maxReadGap 0 a device holding every named register is always read in full.
            if (profile.maxReadGap === 0) expect(hasEveryRegister(profile, words)).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('drivers over random register maps', () => {
  test('the meter gives a finite grid power or names its power point', async () => {
    await fc.assert(
      fc.asyncProperty(meterProfile, registerMap, async (profile, words) => {
        const meter = new MeterDriver(new ProfiledDevice(profile, transportFor(words)));
        try {
          expect(Number.isFinite((await meter.read()).gridW)).toBe(true);
        } catch (err) {
          if (err instanceof ModbusValueError)
            expect(err.message).toContain(`grid power point ${profile.meter?.powerPoint}`);
          else expectExceptionReply(err);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('the inverter gives finite power, SOC 0..100 or null, positive ratings; setpoints are refused by name', async () => {
    const watts = fc.oneof(fc.double(), fc.integer({ min: -100_000, max: 100_000 }));
    await fc.assert(
      fc.asyncProperty(inverterProfile, registerMap, watts, async (profile, words, w) => {
        const inv = new InverterDriver(new ProfiledDevice(profile, transportFor(words)));
        try {
          const r = await inv.read();
          expect(Number.isFinite(r.activePowerW)).toBe(true);
          expect(r.socPct === null || (r.socPct >= 0 && r.socPct <= 100)).toBe(true);
          for (const rated of [r.ratedChargeW, r.ratedDischargeW])
            expect(rated === undefined || (Number.isFinite(rated) && rated > 0)).toBe(true);
        } catch (err) {
          if (err instanceof ModbusValueError)
            expect(err.message).toContain('active power point p3');
          else expectExceptionReply(err);
        }
        try {
          await inv.writeSetpoint(w);
          expect(Number.isFinite(inv.lastCommandedW ?? NaN)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(ModbusError);
          const message = (err as Error).message;
          // A refused setpoint names the value or the point; a missing register, its span.
          if (err instanceof ModbusExceptionError) expectExceptionReply(err);
          else
            expect(message).toMatch(
              // The schema lets two written points share a register; every write then names both.
              /cannot write (.* to )?p[0-2]\b|setpoint .* W is not a finite number|points p[0-2] and p[0-2] share registers/,
            );
        }
      }),
      { numRuns: 150 },
    );
  });
});

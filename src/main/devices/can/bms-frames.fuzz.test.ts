import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createBmsAssembler } from './bms-assembler';
import type { BmsCanProfile } from './bms-can-profile';
import { parseBmsCanProfile } from './bms-profile-loader';
import { checkCanFrame, formatCanId } from './can-frame';
import type { CanFrame } from './can-transport';
import { decodeBmsFrame } from './bms-frame-decoder';
import { profileCodes } from './pylontech-protocol';

/**
 * Fuzzing BMS frames through every built-in profile (each JSON file under
 * resources/profiles/can, so a new one is covered when it is added): the decoder never throws
 * whatever it is handed, names the id of every frame it refuses, and the assembler never
 * builds a reading with a non-finite number or a negative current limit.
 */

const DIR = join(import.meta.dirname, '../../../../resources/profiles/can');
const PROFILES: BmsCanProfile[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseBmsCanProfile(readFileSync(join(DIR, f), 'utf8'), f));

/** A frame: mostly the profile's ids with random bytes, sometimes any id. */
function frameArb(profile: BmsCanProfile): fc.Arbitrary<CanFrame> {
  return fc.record({
    id: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...profile.frames.map((f) => f.id)) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1fffffff }) },
    ),
    data: fc.uint8Array({ maxLength: 8 }),
    extended: fc.oneof(fc.constant(undefined), fc.boolean()),
  });
}

/** Found by fuzzing: ids whose String() throws crashed the decoder and checkCanFrame. */
const REGRESSIONS: [unknown][] = [
  [{ id: { toString: 0 }, data: new Uint8Array() }],
  [{ id: Object.create(null) as unknown, data: new Uint8Array(2) }],
];

/** Things that reach a decoder from untyped code: not frames at all, or frames with bad parts. */
const junk = fc.oneof(
  fc.anything({ withTypedArray: true, withMap: true, withSet: true }),
  fc.record({ id: fc.anything(), data: fc.anything(), extended: fc.anything() }),
  fc.record({ id: fc.double(), data: fc.uint8Array({ maxLength: 12 }) }),
);

describe.each(PROFILES.map((p) => [p.name, p] as const))('profile %s', (_name, profile) => {
  const alarms = new Set([...profileCodes(profile, 'alarm'), ...profileCodes(profile, 'warning')]);

  test('the decoder never throws and names the id of every frame it refuses', () => {
    fc.assert(
      fc.property(fc.oneof(frameArb(profile), junk), (frame) => {
        const r = decodeBmsFrame(frame as CanFrame, profile);
        if (r.ok) {
          for (const v of Object.values(r.fields))
            if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
          for (const code of [...r.alarms, ...r.warnings]) expect(alarms.has(code)).toBe(true);
          return;
        }
        expect(r.reason.length).toBeGreaterThan(0);
        if (Number.isInteger(r.id)) expect(r.reason).toContain(formatCanId(r.id));
        else
          expect(r.reason).toMatch(
            /not a CAN frame object|frame id .* is not a non-negative integer/,
          );
      }),
      { numRuns: 1500, examples: REGRESSIONS },
    );
  });

  test('the assembler never throws, counts every frame, and builds only sane readings', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof({ weight: 9, arbitrary: frameArb(profile) }, { weight: 1, arbitrary: junk }),
            fc.nat(2000),
          ),
          {
            maxLength: 60,
          },
        ),
        (frames) => {
          const assembler = createBmsAssembler(profile);
          let now = 0;
          for (const [frame, dt] of frames) {
            now += dt;
            assembler.accept(frame as CanFrame, now);
          }
          const s = assembler.stats();
          expect(s.framesDecoded + s.framesUnknown + s.framesMalformed).toBe(s.framesReceived);
          expect(s.framesReceived).toBe(frames.length);
          const reading = assembler.reading();
          if (reading === null) return;
          const v = reading.value;
          expect(reading.at).toBeLessThanOrEqual(now);
          for (const x of [v.socPct, v.voltageV, v.currentA, v.temperatureC])
            expect(Number.isFinite(x)).toBe(true);
          expect(v.chargeCurrentLimitA).toBeGreaterThanOrEqual(0);
          expect(v.dischargeCurrentLimitA).toBeGreaterThanOrEqual(0);
          for (const code of [...v.alarms, ...v.warnings]) expect(alarms.has(code)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('checkCanFrame, the check every transport applies', () => {
  test('never throws; passes exactly the frames classic CAN can carry', () => {
    fc.assert(
      fc.property(fc.oneof(junk, frameArb(PROFILES[0] as BmsCanProfile)), (frame) => {
        const problem = checkCanFrame(frame as CanFrame);
        const f = frame as Partial<CanFrame> | null;
        const valid =
          typeof f === 'object' &&
          f !== null &&
          typeof f.id === 'number' &&
          Number.isInteger(f.id) &&
          f.id >= 0 &&
          f.id <= (f.extended === true ? 0x1fffffff : 0x7ff) &&
          f.data instanceof Uint8Array &&
          f.data.length <= 8;
        expect(problem === null).toBe(valid);
        if (problem !== null) expect(problem).toMatch(/CAN (id|frame)/);
      }),
      { numRuns: 1500, examples: REGRESSIONS },
    );
  });
});

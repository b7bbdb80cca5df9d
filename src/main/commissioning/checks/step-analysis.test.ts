import { describe, expect, it } from 'vitest';
import { analyseStep, crossingTime, type StepPoint } from './step-analysis';

/** A device with `deadS` of dead time and a straight ramp of `ramp` W/s to `toW`, sampled every `dt` s. */
function ramped(toW: number, deadS: number, ramp: number, dt: number, until: number): StepPoint[] {
  const out: StepPoint[] = [];
  for (let t = 0; t <= until + 1e-9; t += dt) {
    const moved = Math.max(0, t - deadS) * ramp;
    out.push({ t, w: Math.sign(toW) * Math.min(Math.abs(toW), moved) });
  }
  return out;
}

describe('step figures', () => {
  it('measure dead time, ramp, settle and steady error of a straight ramp at 250 ms sampling', () => {
    const f = analyseStep(ramped(1000, 0.8, 500, 0.25, 10), 0, 0, 1000);
    // 10 % (100 W) at 0.8 + 0.2 s; 90 % at 0.8 + 1.8 s.
    expect(f.delayS).toBeCloseTo(1.0, 6);
    expect(f.rampWPerS).toBeCloseTo(500, 6);
    expect(f.settleS).toBeCloseTo(2.75, 6);
    expect(f.steadyErrorW).toBe(0);
  });

  it('works for a charge step (negative) and reports a steady offset', () => {
    const f = analyseStep(ramped(-960, 0, 1000, 0.1, 8), 0, 0, -1000);
    expect(f.steadyErrorW).toBeCloseTo(40, 6);
    expect(f.rampWPerS).toBeCloseTo(1000, 3);
    // Within 5 % (50 W) from 950 W on.
    expect(f.settleS).toBeCloseTo(1.0, 6);
    // 900 W is within 10 % but not 5 % of a 1 kW step: never settled.
    expect(analyseStep(ramped(-900, 0, 1000, 0.25, 8), 0, 0, -1000).settleS).toBeNull();
  });

  it('returns nulls when the device does not move', () => {
    const flat: StepPoint[] = [0, 1, 2, 3].map((t) => ({ t, w: 0 }));
    expect(analyseStep(flat, 0, 0, 1000)).toEqual({
      delayS: null,
      rampWPerS: null,
      steadyErrorW: -1000,
      settleS: null,
    });
    expect(crossingTime(flat, 0, 0, 0.5)).toBeNull();
  });

  it('takes the settle time from the last entry into the band after an overshoot', () => {
    const points: StepPoint[] = [
      { t: 0, w: 0 },
      { t: 1, w: 1000 },
      { t: 2, w: 1200 },
      { t: 3, w: 1010 },
      { t: 4, w: 1000 },
    ];
    expect(analyseStep(points, 0, 0, 1000).settleS).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAD_PROFILE, houseLoad } from './load-profile';

const DAY = 86_400;

function day(seed: number, from = 0): number[] {
  const out: number[] = [];
  for (let t = from; t < from + DAY; t += 1) out.push(houseLoad(t, seed).totalW);
  return out;
}

describe('house load profile', () => {
  it('replays the same day for the same seed and a different one for another seed', () => {
    const a = day(7);
    expect(day(7)).toEqual(a);
    const b = day(8);
    expect(b.filter((w, i) => w !== a[i]).length).toBeGreaterThan(DAY / 2);
  });

  it('gives each day its own appliance events', () => {
    const first = day(3, 0);
    const second = day(3, DAY);
    expect(second.filter((w, i) => Math.abs(w - (first[i] ?? 0)) > 1_000).length).toBeGreaterThan(
      60,
    );
  });

  it('contains kettle steps: a jump of about 2 kW from one second to the next, only while people are awake', () => {
    let steps = 0;
    for (let t = 1; t < DAY; t += 1) {
      const before = houseLoad(t - 1, 7);
      const now = houseLoad(t, 7);
      if (now.kettleW > 0 && before.kettleW === 0) {
        steps += 1;
        expect(now.totalW - before.totalW).toBeGreaterThan(DEFAULT_LOAD_PROFILE.kettleW - 200);
        const hour = t / 3_600;
        expect(hour >= 6 && hour < 23).toBe(true);
      }
    }
    expect(steps).toBeGreaterThanOrEqual(2);
  });

  it('cycles the fridge compressor at about 30 % duty', () => {
    let on = 0;
    for (let t = 0; t < DAY; t += 10) if (houseLoad(t, 5).fridgeW > 0) on += 1;
    expect(on / (DAY / 10)).toBeCloseTo(0.3, 1);
  });

  it('sums its parts, never goes below the base load, and peaks in the evening', () => {
    let evening = 0;
    let night = 0;
    for (let t = 0; t < DAY; t += 7) {
      const l = houseLoad(t, 11);
      expect(l.totalW).toBeCloseTo(l.baseW + l.routineW + l.fridgeW + l.kettleW + l.ovenW, 9);
      expect(l.totalW).toBeGreaterThanOrEqual(DEFAULT_LOAD_PROFILE.baseW);
      const hour = t / 3_600;
      if (hour >= 19 && hour < 20) evening += l.routineW;
      if (hour >= 2 && hour < 3) night += l.routineW;
    }
    expect(evening).toBeGreaterThan(night * 5);
  });

  it('rejects a time that is not a number', () => {
    expect(() => houseLoad(Number.NaN, 1)).toThrow(/not finite/);
  });
});

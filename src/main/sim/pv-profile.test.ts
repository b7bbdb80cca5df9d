import { describe, expect, it } from 'vitest';
import { DEFAULT_PV_PROFILE, pvPower, type PvProfileOptions } from './pv-profile';

const CLEAR: PvProfileOptions = { ...DEFAULT_PV_PROFILE, cloudiness: 0 };
const CLOUDY: PvProfileOptions = { ...DEFAULT_PV_PROFILE, cloudiness: 0.6 };

describe('PV profile', () => {
  it('is zero at night and peaks at solar noon under a clear sky', () => {
    expect(pvPower(3 * 3_600, 1, CLEAR).powerW).toBe(0);
    expect(pvPower(22 * 3_600, 1, CLEAR).powerW).toBe(0);
    expect(pvPower(13 * 3_600, 1, CLEAR).powerW).toBeCloseTo(DEFAULT_PV_PROFILE.peakW, 6);
    expect(pvPower(9 * 3_600, 1, CLEAR).powerW).toBeLessThan(pvPower(11 * 3_600, 1, CLEAR).powerW);
  });

  it('scales with the configured peak', () => {
    const small = { ...CLEAR, peakW: 3_000 };
    expect(pvPower(13 * 3_600, 1, small).powerW).toBeCloseTo(3_000, 6);
  });

  it('is reproducible for a seed, and the weather differs between seeds', () => {
    let differs = 0;
    for (let t = 8 * 3_600; t < 18 * 3_600; t += 13) {
      expect(pvPower(t, 4, CLOUDY).powerW).toBe(pvPower(t, 4, CLOUDY).powerW);
      if (pvPower(t, 4, CLOUDY).powerW !== pvPower(t, 5, CLOUDY).powerW) differs += 1;
    }
    expect(differs).toBeGreaterThan(100);
  });

  it('has clouds with sharp edges: drops of more than a quarter of the output within 40 s', () => {
    let sharpDrops = 0;
    for (let t = 10 * 3_600; t < 16 * 3_600; t += 1) {
      const now = pvPower(t, 9, CLOUDY);
      const later = pvPower(t + 40, 9, CLOUDY);
      if (later.powerW < now.powerW - 0.25 * now.clearSkyW) sharpDrops += 1;
    }
    expect(sharpDrops).toBeGreaterThan(20);
  });

  it('never jumps in zero time: edges take seconds, not one sample', () => {
    let worst = 0;
    for (let t = 10 * 3_600; t < 16 * 3_600; t += 1) {
      worst = Math.max(
        worst,
        Math.abs(pvPower(t + 1, 9, CLOUDY).powerW - pvPower(t, 9, CLOUDY).powerW),
      );
    }
    expect(worst).toBeLessThan(0.12 * DEFAULT_PV_PROFILE.peakW);
    expect(worst).toBeGreaterThan(0.01 * DEFAULT_PV_PROFILE.peakW);
  });

  it('stays within [0, clear sky]', () => {
    for (let t = 0; t < 86_400; t += 17) {
      const pv = pvPower(t, 2);
      expect(pv.powerW).toBeGreaterThanOrEqual(0);
      expect(pv.powerW).toBeLessThanOrEqual(pv.clearSkyW + 1e-9);
    }
  });
});

import { describe, expect, test } from 'vitest';
import { TEST_CONFIG } from './core.test-kit';
import type { SocGuard } from './soc-guard';
import { INITIAL_SOC_GUARD, updateSocGuard } from './soc-guard';

/** Feeds a SOC sequence through the guard, returning the blocked flags after each reading. */
function run(socs: (number | null)[], cfg = TEST_CONFIG): SocGuard[] {
  const out: SocGuard[] = [];
  let g = INITIAL_SOC_GUARD;
  for (const soc of socs) {
    g = updateSocGuard(g, soc, cfg);
    out.push(g);
  }
  return out;
}

describe('SOC window with hysteresis (min 10 %, max 95 %, hysteresis 2 %)', () => {
  test('discharge blocks at the minimum and stays blocked while SOC dithers just above it', () => {
    const flags = run([50, 10.5, 10, 10.4, 10.1, 11.9, 10.6, 12, 11]).map(
      (g) => g.dischargeBlocked,
    );
    expect(flags).toEqual([false, false, true, true, true, true, true, false, false]);
  });

  test('charge blocks at the maximum and stays blocked until max - hysteresis', () => {
    const flags = run([50, 94.9, 95, 94.5, 93.1, 94.9, 93, 94]).map((g) => g.chargeBlocked);
    expect(flags).toEqual([false, false, true, true, true, true, false, false]);
  });

  test('no chatter: a SOC oscillating around the edge changes the flag once', () => {
    const socs = Array.from({ length: 200 }, (_, i) => 10 + 0.8 * Math.sin(i / 3));
    const flags = run([50, ...socs]).map((g) => g.dischargeBlocked);
    const changes = flags.filter((f, i) => i > 0 && f !== flags[i - 1]).length;
    expect(changes).toBe(1);
  });

  test('unknown SOC blocks both directions; it restarts from blocked inside a band', () => {
    const [, unknown, back] = run([50, null, 11]);
    expect(unknown).toMatchObject({
      socUnknown: true,
      chargeBlocked: true,
      dischargeBlocked: true,
    });
    expect(back).toMatchObject({ socUnknown: false, chargeBlocked: false, dischargeBlocked: true });
    expect(run([Number.NaN])[0]?.socUnknown).toBe(true);
  });

  test('a non-finite window setting blocks its direction', () => {
    const cfg = { ...TEST_CONFIG, socMinPct: Number.NaN, socMaxPct: Number.POSITIVE_INFINITY };
    expect(run([50], cfg)[0]).toMatchObject({ chargeBlocked: true, dischargeBlocked: true });
  });
});

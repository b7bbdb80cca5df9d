import { describe, expect, it } from 'vitest';
import type { CoreConfig } from './core-config';
import { command, readyStandby, TEST_CONFIG } from './core.test-kit';

/** setGridTarget is bounded: ±10 x the larger inverter rating, and the site's grid limits. */

const RATING = Math.max(TEST_CONFIG.inverterMaxChargeW, TEST_CONFIG.inverterMaxDischargeW);
const BOUND = 10 * RATING;

describe('setGridTarget bounds', () => {
  it('accepts targets up to ±10 x the larger inverter rating, refuses beyond, naming the bound', () => {
    const s = readyStandby();
    for (const watts of [BOUND, -BOUND, 0, 123]) {
      const r = command(s, { type: 'setGridTarget', watts }, 2000);
      expect(r.result).toEqual({ ok: true });
      expect(r.state.gridTargetW).toBe(watts);
    }
    const above = command(s, { type: 'setGridTarget', watts: BOUND + 1 }, 2000);
    expect(above.result).toEqual({
      ok: false,
      reason: `${BOUND + 1} W is above ${BOUND} W (10 x the inverter rating of ${RATING} W)`,
    });
    expect(above.state).toBe(s);
    const below = command(s, { type: 'setGridTarget', watts: -1.7e308 }, 2000);
    expect(below.result.ok).toBe(false);
    expect(below.result.ok ? '' : below.result.reason).toBe(
      `-1.7e+308 W is below -${BOUND} W (10 x the inverter rating of ${RATING} W)`,
    );
    expect(below.state).toBe(s);
  });

  it("the site's grid import and export limits narrow the range where they are set", () => {
    const config: CoreConfig = { ...TEST_CONFIG, gridImportLimitW: 8000, gridExportLimitW: 3000 };
    const s = readyStandby(1000, config);
    expect(command(s, { type: 'setGridTarget', watts: 8000 }, 2000, config).result.ok).toBe(true);
    expect(command(s, { type: 'setGridTarget', watts: -3000 }, 2000, config).result.ok).toBe(true);
    expect(command(s, { type: 'setGridTarget', watts: 8001 }, 2000, config).result).toEqual({
      ok: false,
      reason: "8001 W is above 8000 W (the site's grid import limit)",
    });
    expect(command(s, { type: 'setGridTarget', watts: -3001 }, 2000, config).result).toEqual({
      ok: false,
      reason: "-3001 W is below -3000 W (the site's grid export limit)",
    });
  });
});

import { describe, expect, test } from 'vitest';
import { bmsReading, TEST_CONFIG } from './core.test-kit';
import type { FreshView } from './link-health';
import { clampToBand, computePowerBand } from './power-limits';
import type { SocGuard } from './soc-guard';

const open: SocGuard = {
  socPct: 50,
  socUnknown: false,
  chargeBlocked: false,
  dischargeBlocked: false,
};
const fresh = (v: Partial<FreshView> = {}): FreshView => ({
  gridW: 0,
  inverter: { activePowerW: 0 },
  bms: bmsReading(),
  ...v,
});

describe('allowed power band', () => {
  test('inverter rating and CCL/DCL x pack voltage, with their labels', () => {
    const cfg = { ...TEST_CONFIG, inverterMaxChargeW: 3000, inverterMaxDischargeW: 6000 };
    const band = computePowerBand(
      fresh({ bms: bmsReading({ dischargeCurrentLimitA: 80 }) }),
      open,
      cfg,
    );
    expect(band).toEqual({
      lowerW: -3000,
      upperW: 4000,
      lowerBy: 'inverterRating',
      upperBy: 'bmsDischargeCurrentLimit',
    });
  });

  test('enable flags, SOC guard and unknown SOC close a direction', () => {
    const flags = computePowerBand(
      fresh({ bms: bmsReading({ chargeEnabled: false }) }),
      { ...open, dischargeBlocked: true },
      TEST_CONFIG,
    );
    expect(flags).toMatchObject({
      lowerW: 0,
      lowerBy: 'bmsChargeDisabled',
      upperW: 0,
      upperBy: 'socMin',
    });
    const unknown = computePowerBand(
      fresh(),
      { ...open, socUnknown: true, chargeBlocked: true, dischargeBlocked: true },
      TEST_CONFIG,
    );
    expect(unknown).toMatchObject({
      lowerW: 0,
      upperW: 0,
      lowerBy: 'socUnknown',
      upperBy: 'socUnknown',
    });
  });

  test('without a BMS its limits do not apply; without fresh BMS data they close the band', () => {
    const noBms = { ...TEST_CONFIG, hasBms: false };
    expect(computePowerBand(fresh({ bms: null }), open, noBms)).toMatchObject({
      lowerW: -5000,
      upperW: 5000,
    });
    expect(computePowerBand(fresh({ bms: null }), open, TEST_CONFIG)).toMatchObject({
      lowerW: 0,
      upperW: 0,
      lowerBy: 'bmsLinkLost',
      upperBy: 'bmsLinkLost',
    });
  });

  test('grid limits restrict only what the battery adds (base = P_grid + P_inverter)', () => {
    const cfg = { ...TEST_CONFIG, gridImportLimitW: 4000, gridExportLimitW: 1000 };
    // House draws 2500 W net: charging may add 1500 W of import; discharging may export 1000 W.
    const band = computePowerBand(
      fresh({ gridW: 1500, inverter: { activePowerW: 1000 } }),
      open,
      cfg,
    );
    expect(band).toEqual({
      lowerW: -1500,
      upperW: 3500,
      lowerBy: 'gridImportLimit',
      upperBy: 'gridExportLimit',
    });
    // Already importing above the limit: no charge at all, discharge untouched by the import limit.
    const over = computePowerBand(fresh({ gridW: 6000, inverter: { activePowerW: 0 } }), open, cfg);
    expect(over).toMatchObject({ lowerW: 0, lowerBy: 'gridImportLimit', upperW: 5000 });
    // Unknown grid power: the limited directions close.
    expect(computePowerBand(fresh({ gridW: null }), open, cfg)).toMatchObject({
      lowerW: 0,
      upperW: 0,
    });
  });

  test('non-finite numbers count as 0 (the safe side)', () => {
    const bad = bmsReading({
      chargeCurrentLimitA: Number.NaN,
      voltageV: 50,
      dischargeCurrentLimitA: Number.POSITIVE_INFINITY,
    });
    const band = computePowerBand(fresh({ bms: bad }), open, {
      ...TEST_CONFIG,
      inverterMaxDischargeW: Number.NaN,
    });
    expect(band.lowerW).toBe(0);
    expect(band.upperW).toBe(0);
    const badV = computePowerBand(fresh({ bms: bmsReading({ voltageV: -48 }) }), open, TEST_CONFIG);
    expect(badV).toMatchObject({ lowerW: 0, upperW: 0 });
  });

  test('clampToBand names the edge it cut and maps NaN to 0', () => {
    const band = {
      lowerW: -100,
      upperW: 200,
      lowerBy: 'socMax',
      upperBy: 'inverterRating',
    } as const;
    expect(clampToBand(300, band)).toEqual({ w: 200, by: 'inverterRating' });
    expect(clampToBand(-300, band)).toEqual({ w: -100, by: 'socMax' });
    expect(clampToBand(50, band)).toEqual({ w: 50, by: null });
    expect(clampToBand(Number.NaN, band)).toEqual({ w: 0, by: null });
  });
});

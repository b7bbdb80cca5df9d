import { describe, expect, test } from 'vitest';
import { DEFAULT_CORE_CONFIG } from '../core/core-config';
import { siteFileSchema, type SiteFile } from './site-schema';
import { siteToCoreConfig } from './site-to-core-config';

function site(extra: Record<string, unknown> = {}, timeoutMs = 500): SiteFile {
  return siteFileSchema.parse({
    name: 'Test',
    meter: { host: 'm', profile: 'sim-meter', timeoutMs },
    inverter: {
      host: 'i',
      profile: 'sim-inverter',
      timeoutMs,
      ratedChargeW: 4000,
      ratedDischargeW: 3000,
    },
    ...extra,
  });
}

describe('siteToCoreConfig', () => {
  test('copies ratings and control settings', () => {
    const c = siteToCoreConfig(
      site({
        control: {
          gridTargetW: 100,
          socMinPct: 15,
          socMaxPct: 90,
          socHysteresisPct: 3,
          rampWPerS: 500,
          deadbandW: 20,
          gridImportLimitW: 10_000,
          gridExportLimitW: 0,
          connectGraceMs: 30_000,
          externalDefaultTtlS: 20,
          autoResume: true,
        },
      }),
    );
    expect(c).toMatchObject({
      inverterMaxChargeW: 4000,
      inverterMaxDischargeW: 3000,
      gridTargetW: 100,
      socMinPct: 15,
      socMaxPct: 90,
      socHysteresisPct: 3,
      rampWPerS: 500,
      deadbandW: 20,
      gridImportLimitW: 10_000,
      gridExportLimitW: 0,
      connectGraceMs: 30_000,
      externalDefaultTtlS: 20,
      externalMaxTtlS: DEFAULT_CORE_CONFIG.externalMaxTtlS,
      autoResume: true,
    });
  });

  test('Modbus timeouts are pollInterval x missedPolls', () => {
    const c = siteToCoreConfig(site({ control: { pollIntervalMs: 1000, missedPolls: 5 } }));
    expect(c.timeouts).toMatchObject({ meterMs: 5000, inverterMs: 5000 });
  });

  test('but never below one request timeout plus one poll interval', () => {
    const c = siteToCoreConfig(site({ control: { pollIntervalMs: 100, missedPolls: 2 } }, 800));
    expect(c.timeouts).toMatchObject({ meterMs: 900, inverterMs: 900 });
  });

  test('meter and inverter request timeouts count separately', () => {
    const s = site({ control: { pollIntervalMs: 100, missedPolls: 1 } });
    const c = siteToCoreConfig({ ...s, inverter: { ...s.inverter, timeoutMs: 2000 } });
    expect(c.timeouts).toMatchObject({ meterMs: 600, inverterMs: 2100 });
  });

  test('a BMS: watched, its timeout is framePeriod x missedFrames', () => {
    const c = siteToCoreConfig(
      site({ bms: { transport: { type: 'memory' }, framePeriodMs: 500, missedFrames: 4 } }),
    );
    expect(c.hasBms).toBe(true);
    expect(c.timeouts.bmsMs).toBe(2000);
  });

  test('no BMS: not watched, the default BMS timeout stays', () => {
    const c = siteToCoreConfig(site());
    expect(c.hasBms).toBe(false);
    expect(c.timeouts.bmsMs).toBe(DEFAULT_CORE_CONFIG.timeouts.bmsMs);
  });

  test('defaultOverrideW is capped by the smaller inverter rating', () => {
    expect(siteToCoreConfig(site()).defaultOverrideW).toBe(1000);
    expect(siteToCoreConfig(site({ control: { defaultOverrideW: 3500 } })).defaultOverrideW).toBe(
      3000,
    );
    expect(siteToCoreConfig(site({ control: { defaultOverrideW: 0 } })).defaultOverrideW).toBe(0);
  });
});

import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../core/core-config';
import type { SiteFile } from './site-schema';

/**
 * Turns a site file's settings into the core's configuration. Staleness timeouts are
 * counted in missed polls / frame periods, as technicians think of them.
 */
export function siteToCoreConfig(site: SiteFile): CoreConfig {
  const c = site.control;
  const modbusTimeoutMs = c.pollIntervalMs * c.missedPolls;
  return {
    ...DEFAULT_CORE_CONFIG,
    inverterMaxChargeW: site.inverter.ratedChargeW,
    inverterMaxDischargeW: site.inverter.ratedDischargeW,
    gridTargetW: c.gridTargetW,
    socMinPct: c.socMinPct,
    socMaxPct: c.socMaxPct,
    socHysteresisPct: c.socHysteresisPct,
    gridImportLimitW: c.gridImportLimitW,
    gridExportLimitW: c.gridExportLimitW,
    rampWPerS: c.rampWPerS,
    deadbandW: c.deadbandW,
    timeouts: {
      // A poll cycle that is still waiting on its request timeout must not count as missed.
      meterMs: Math.max(modbusTimeoutMs, site.meter.timeoutMs + c.pollIntervalMs),
      inverterMs: Math.max(modbusTimeoutMs, site.inverter.timeoutMs + c.pollIntervalMs),
      bmsMs: site.bms
        ? site.bms.framePeriodMs * site.bms.missedFrames
        : DEFAULT_CORE_CONFIG.timeouts.bmsMs,
    },
    commLossPolls: c.missedPolls,
    recoverSamples: c.recoverSamples,
    recoverHoldMs: c.recoverHoldMs,
    connectGraceMs: c.connectGraceMs,
    hasBms: site.bms !== undefined,
    externalDefaultTtlS: c.externalDefaultTtlS,
    autoResume: c.autoResume,
    inverterEfficiency: c.inverterEfficiency,
    meterMaxHoldMs: c.meterMaxHoldS * 1000,
    defaultOverrideW: Math.min(
      c.defaultOverrideW,
      site.inverter.ratedChargeW,
      site.inverter.ratedDischargeW,
    ),
  };
}

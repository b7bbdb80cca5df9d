import type { EnergyCounters } from '../../shared/energy';
import { powerBalance } from '../../shared/power-balance';
import type { LinkId } from '../../shared/ems-names';
import type { BmsStatus, EmsSnapshot, LinkStatus, SiteIdentity } from '../../shared/snapshot';
import type { CoreState } from '../core';
import type { CoreConfig } from '../core/core-config';
import type { BmsReading, Measurements, Sample } from '../core/measurements';

/** Everything a snapshot is made of. */
export interface SnapshotInputs {
  readonly core: CoreState;
  readonly measurements: Measurements;
  readonly config: CoreConfig;
  readonly site: SiteIdentity;
  /** Runtime clock, ms (the clock the samples were stamped with). */
  readonly now: number;
  /** Wall clock, ms since the epoch. */
  readonly wallNow: number;
  readonly linkErrors: (link: LinkId) => string | null;
  readonly hasWatchdog: boolean;
  /** Standing warnings the host adds (e.g. an unverified device profile). */
  readonly extraWarnings?: readonly string[];
  /** What the inverter does when its watchdog expires; absent: 'zero'. */
  readonly onWatchdogExpiry?: 'zero' | 'deviceDefault';
  /** Counters of the energy integrator (runtime/energy-integrator.ts). */
  readonly energy: { readonly today: EnergyCounters; readonly session: EnergyCounters };
}

/** Warning shown while the inverter profile has no revert timer. */
export const NO_WATCHDOG_WARNING =
  'The inverter profile has no watchdog: if the EMS stops unexpectedly, the last setpoint stays active on the inverter.';

/** Warning shown while the EMS controls an inverter whose watchdog returns it to its own dispatch. */
export const DEVICE_DEFAULT_EXPIRY_WARNING =
  'The inverter returns to its own dispatch, not 0 W, when its watchdog expires (its profile says onWatchdogExpiry "deviceDefault"): if the EMS stops or loses the link, the device keeps charging or discharging by its own settings.';

/** The standing configuration warnings: no watchdog; a device-default expiry while controlled. */
function configWarnings(inputs: SnapshotInputs): string[] {
  if (!inputs.hasWatchdog) return [NO_WATCHDOG_WARNING];
  const controlled = inputs.core.state !== 'STOP';
  return controlled && inputs.onWatchdogExpiry === 'deviceDefault'
    ? [DEVICE_DEFAULT_EXPIRY_WARNING]
    : [];
}

const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Counters to 0.1 Wh: finer digits are noise and only grow every message. */
function roundEnergy(e: EnergyCounters): EnergyCounters {
  return {
    gridImportWh: round(e.gridImportWh),
    gridExportWh: round(e.gridExportWh),
    chargeWh: round(e.chargeWh),
    dischargeWh: round(e.dischargeWh),
    pvWh: e.pvWh === null ? null : round(e.pvWh),
  };
}

function linkStatus(
  inputs: SnapshotInputs,
  link: LinkId,
  sample: Sample<unknown> | null,
): LinkStatus {
  return {
    health: inputs.core.links[link],
    ageMs: sample ? Math.max(0, Math.round(inputs.now - sample.at)) : null,
    lastError: inputs.linkErrors(link),
  };
}

function bmsStatus(reading: BmsReading | null): BmsStatus | null {
  if (!reading) return null;
  return {
    socPct: reading.socPct,
    sohPct: reading.sohPct ?? null,
    voltageV: reading.voltageV,
    currentA: reading.currentA,
    temperatureC: reading.temperatureC,
    chargeCurrentLimitA: reading.chargeCurrentLimitA,
    dischargeCurrentLimitA: reading.dischargeCurrentLimitA,
    chargeEnabled: reading.chargeEnabled,
    dischargeEnabled: reading.dischargeEnabled,
    alarms: reading.alarms,
    warnings: reading.warnings,
  };
}

/**
 * Builds the operator's snapshot. A value is shown only while its link is healthy: a
 * stale measurement becomes null rather than a last-known number that looks live.
 */
export function buildSnapshot(inputs: SnapshotInputs): EmsSnapshot {
  const { core, measurements: m, config } = inputs;
  const live = (link: LinkId): boolean => core.links[link] === 'ok';
  const gridW = live('meter') && m.grid ? round(m.grid.value) : null;
  const inverterW = live('inverter') && m.inverter ? round(m.inverter.value.activePowerW) : null;
  const bms = config.hasBms && live('bms') && m.bms ? m.bms.value : null;
  const inverterSoc = live('inverter') ? (m.inverter?.value.socPct ?? null) : null;
  const soc = config.hasBms ? (bms?.socPct ?? null) : inverterSoc;
  const ext = core.external;
  const pv = live('inverter') ? (m.inverter?.value.pvW ?? null) : null;
  // The profile's PV point is read from the inverter itself, so that PV is behind it.
  const balance = powerBalance({
    gridW,
    inverterAcW: inverterW,
    pvW: pv,
    pvPlacement: 'behindInverter',
  });
  return {
    time: new Date(inputs.wallNow).toISOString(),
    site: inputs.site,
    state: core.state,
    mode: core.mode,
    pendingMode: core.pendingMode,
    gridW,
    inverterW,
    soc: soc === null ? null : round(soc),
    setpointW: Math.round(core.setpointW),
    limitedBy: core.limitedBy,
    band: { ...core.band },
    ratings: { maxChargeW: config.inverterMaxChargeW, maxDischargeW: config.inverterMaxDischargeW },
    socWindow: { minPct: config.socMinPct, maxPct: config.socMaxPct },
    gridTargetW: core.gridTargetW,
    overrideW: core.overrideW,
    external: ext
      ? {
          watts: ext.watts,
          remainingS: Math.max(0, round((ext.expiresAt - inputs.now) / 1000)),
          source: ext.source,
        }
      : null,
    modbusOk: live('meter') && live('inverter'),
    canOk: config.hasBms ? live('bms') : null,
    links: {
      meter: linkStatus(inputs, 'meter', m.grid),
      inverter: linkStatus(inputs, 'inverter', m.inverter),
      bms: config.hasBms ? linkStatus(inputs, 'bms', m.bms) : null,
    },
    bms: bmsStatus(bms),
    faults: core.activeFaults.map((f) => ({
      code: f.code,
      message: f.message,
      since: new Date(f.since).toISOString(),
    })),
    needsAck: core.needsAck,
    warnings: [...configWarnings(inputs), ...(inputs.extraWarnings ?? [])],
    energyToday: roundEnergy(inputs.energy.today),
    energySession: roundEnergy(inputs.energy.session),
    pvW: balance.pvW === null ? null : round(balance.pvW),
    loadW: balance.loadW === null ? null : round(balance.loadW),
  };
}

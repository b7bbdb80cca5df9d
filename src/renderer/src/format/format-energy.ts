import { selfSufficiencyPct, type EnergyCounters } from '../../../shared/energy';
import { STALE_TEXT, UNIT_GAP } from './format-values';

/** One counter as the energy strip shows it. */
export interface EnergyItem {
  readonly key: 'import' | 'export' | 'charge' | 'discharge' | 'pv' | 'self';
  readonly label: string;
  /** The value with its unit, unbreakable; "—" when unknown. */
  readonly text: string;
  /** Why it is unknown, for the item's tooltip; null when known. */
  readonly why: string | null;
}

/** Energy in kWh with two decimals (10 Wh resolution), never split between number and unit. */
export function formatEnergy(wh: number): string {
  return `${(Math.max(0, wh) / 1000).toFixed(2)}${UNIT_GAP}kWh`;
}

/**
 * The day's counters in reading order: grid import and export, battery charge and discharge,
 * PV (only where the inverter measures it), and the self-sufficiency that follows from them.
 */
export function energyItems(e: EnergyCounters): readonly EnergyItem[] {
  const self = selfSufficiencyPct(e);
  const pvWhy = 'PV is not measured on this site (only hybrid inverter profiles read it)';
  return [
    { key: 'import', label: 'Imported', text: formatEnergy(e.gridImportWh), why: null },
    { key: 'export', label: 'Exported', text: formatEnergy(e.gridExportWh), why: null },
    { key: 'charge', label: 'Charged', text: formatEnergy(e.chargeWh), why: null },
    { key: 'discharge', label: 'Discharged', text: formatEnergy(e.dischargeWh), why: null },
    {
      key: 'pv',
      label: 'PV',
      text: e.pvWh === null ? STALE_TEXT : formatEnergy(e.pvWh),
      why: e.pvWh === null ? pvWhy : null,
    },
    {
      key: 'self',
      label: 'Self-sufficiency',
      text: self === null ? STALE_TEXT : `${Math.round(self)}${UNIT_GAP}%`,
      why:
        self === null
          ? e.pvWh === null
            ? 'needs the PV energy'
            : 'nothing consumed yet today'
          : null,
    },
  ];
}

import type { RegisterBank } from './register-bank';
import type { SunSpecSimLayout } from './sunspec-sim-layout';

/**
 * The simulated site's devices as SunSpec devices ('SunS' at 40000): the inverter with models
 * 1, 103 and 124, the meter with models 1 and 203. Values come live from the site model with
 * fixed scale factors, as a real device's firmware has them; writes to 124 drive the
 * simulated inverter (sunspec-sim-storage.ts), so the built-in sunspec-storage-124 and
 * sunspec-meter-203 profiles, or a profile made by discovery, run the site.
 */

/** Where the simulator puts 'SunS'. */
export const SUNSPEC_SIM_BASE = 40000;

/** Engineering values by point name; null reads "not implemented". */
export type Values = Record<string, number | null>;

/** A SunSpec device's bank and its layout. */
export interface SunSpecSimDevice {
  readonly bank: RegisterBank;
  readonly layout: SunSpecSimLayout;
}

/** Model 1 of a simulated device: who made it, what it is, its serial number. */
export function common(model: string, serial: string): Record<string, string | number> {
  return { Mn: 'ems-commissioning', Md: model, Opt: 'simulator', Vr: '0.1.0', SN: serial, DA: 1 };
}

/** Engineering values by point name of one model, renamed to the layout's point names. */
export function named(layout: SunSpecSimLayout, model: number, values: Values): Values {
  const out: Values = {};
  for (const [name, v] of Object.entries(values)) out[layout.pointName(model, name)] = v;
  return out;
}

/** Per-phase current from power and voltage, A (null without a voltage). */
export function amps(watts: number, volts: number): number | null {
  return volts > 0 ? Math.abs(watts) / volts : null;
}

/**
 * Size and behaviour of the simulated pack, with defaults for a typical home battery.
 */

/** Size and behaviour of the pack. */
export interface BatteryOptions {
  /** Usable energy, kWh. */
  readonly capacityKwh: number;
  readonly initialSocPct: number;
  /** One-way efficiency (charge stores |P| x eff, discharge draws P / eff). About 92 % round trip. */
  readonly efficiency: number;
  /** Rated charge current, A (before tapers). */
  readonly maxChargeCurrentA: number;
  /** Rated discharge current, A (before tapers). */
  readonly maxDischargeCurrentA: number;
  readonly internalResistanceOhm: number;
  readonly ambientC: number;
  /** Defaults to the ambient temperature. */
  readonly initialTemperatureC?: number;
  /** How slowly the pack warms and cools, s. */
  readonly thermalTimeConstantS: number;
  /** Temperature rise per watt of I^2 R loss at steady state, K/W. */
  readonly thermalResistanceKPerW: number;
  readonly sohPct: number;
}

/** A 10 kWh, 100 A, 16s LFP pack (about 5 kW either way) in a 25 degC room. */
export const DEFAULT_BATTERY: BatteryOptions = {
  capacityKwh: 10,
  initialSocPct: 50,
  efficiency: 0.96,
  maxChargeCurrentA: 100,
  maxDischargeCurrentA: 100,
  internalResistanceOhm: 0.015,
  ambientC: 25,
  thermalTimeConstantS: 1_800,
  thermalResistanceKPerW: 0.05,
  sohPct: 98,
};

/**
 * The default pack with `overrides` applied, checked. Throws RangeError naming the first
 * bad option, so a typo in a demo setting fails at start instead of producing odd physics.
 */
export function resolveBatteryOptions(overrides: Partial<BatteryOptions> = {}): BatteryOptions {
  const o: BatteryOptions = { ...DEFAULT_BATTERY, ...overrides };
  const positive: (keyof BatteryOptions)[] = ['capacityKwh', 'thermalTimeConstantS', 'sohPct'];
  for (const key of positive) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      throw new RangeError(`battery ${key} must be a positive number, got ${String(v)}`);
  }
  const nonNegative: (keyof BatteryOptions)[] = [
    'maxChargeCurrentA',
    'maxDischargeCurrentA',
    'internalResistanceOhm',
    'thermalResistanceKPerW',
  ];
  for (const key of nonNegative) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new RangeError(`battery ${key} must be >= 0, got ${String(v)}`);
  }
  if (!(o.initialSocPct >= 0 && o.initialSocPct <= 100))
    throw new RangeError(`battery initialSocPct must be 0..100, got ${o.initialSocPct}`);
  if (!(o.efficiency > 0 && o.efficiency <= 1))
    throw new RangeError(`battery efficiency must be in (0, 1], got ${o.efficiency}`);
  if (!Number.isFinite(o.ambientC))
    throw new RangeError(`battery ambientC must be finite, got ${o.ambientC}`);
  if (o.initialTemperatureC !== undefined && !Number.isFinite(o.initialTemperatureC))
    throw new RangeError(
      `battery initialTemperatureC must be finite, got ${o.initialTemperatureC}`,
    );
  return o;
}

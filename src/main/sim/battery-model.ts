import type { BmsReading } from '../core/measurements';
import { PYLONTECH_ALARM_CODES, PYLONTECH_WARNING_CODES } from '../devices/can/pylontech-protocol';
import {
  CHARGE_VOLTAGE_LIMIT_V,
  chargeCurrentShare,
  dischargeCurrentShare,
  packOpenCircuitV,
} from './battery-curves';
import { resolveBatteryOptions, type BatteryOptions } from './battery-options';
import { clamp } from './piecewise';

/**
 * The battery pack and its BMS: SOC by energy integration (with a one-way efficiency on each
 * direction), terminal voltage from the LFP curve plus an IR drop, a slow first-order
 * temperature, and the current limits (CCL/DCL) and enable flags a Pylontech-style BMS
 * announces. Power follows the project's sign: positive = discharge. Current follows the
 * BMS's: positive = charging. Time is injected as `dtS`; the model keeps no clock.
 */

/** What the BMS allows right now. */
export interface BatteryLimits {
  readonly chargeCurrentLimitA: number;
  readonly dischargeCurrentLimitA: number;
  readonly chargeEnabled: boolean;
  readonly dischargeEnabled: boolean;
}

const ALARMS: ReadonlySet<string> = new Set(PYLONTECH_ALARM_CODES);
const WARNINGS: ReadonlySet<string> = new Set(PYLONTECH_WARNING_CODES);

/** The simulated pack with its BMS. */
export class BatteryModel {
  private readonly options: BatteryOptions;
  private soc: number;
  private current = 0;
  private temperature: number;
  private ambient: number;
  private readonly injectedAlarms = new Set<string>();
  private readonly injectedWarnings = new Set<string>();
  private dischargeBlocked = false;
  private chargedWh = 0;
  private dischargedWh = 0;

  /** @param options - overrides of the default pack; throws RangeError naming a bad option. */
  constructor(options: Partial<BatteryOptions> = {}) {
    this.options = resolveBatteryOptions(options);
    this.soc = this.options.initialSocPct;
    this.ambient = this.options.ambientC;
    this.temperature = this.options.initialTemperatureC ?? this.ambient;
  }

  /** State of charge, % (0..100). */
  get socPct(): number {
    return this.soc;
  }

  /** Pack current of the last step, A (positive = charging). */
  get currentA(): number {
    return this.current;
  }

  /** Terminal voltage: open-circuit voltage plus the IR drop of the present current, V. */
  get voltageV(): number {
    return packOpenCircuitV(this.soc) + this.current * this.options.internalResistanceOhm;
  }

  /**
   * Energy exchanged at the inverter's AC side since the model was made, Wh (both >= 0), in
   * simulated time: the simulator's own counters the EMS's integrated energy is checked against.
   */
  get energyCounters(): { chargeWh: number; dischargeWh: number } {
    return { chargeWh: this.chargedWh, dischargeWh: this.dischargedWh };
  }

  /** Pack temperature, degC. */
  get temperatureC(): number {
    return this.temperature;
  }

  /** Sets the room temperature the pack drifts towards (to provoke temperature tapers). */
  setAmbientC(celsius: number): void {
    if (!Number.isFinite(celsius))
      throw new RangeError(`ambient temperature must be finite, got ${celsius}`);
    this.ambient = celsius;
  }

  /** Raises or clears a protection alarm (one of the Pylontech alarm codes). */
  setAlarm(code: string, active: boolean): void {
    if (!ALARMS.has(code))
      throw new RangeError(`unknown BMS alarm "${code}" (known: ${[...ALARMS].join(', ')})`);
    if (active) this.injectedAlarms.add(code);
    else this.injectedAlarms.delete(code);
  }

  /** Raises or clears a warning (one of the Pylontech warning codes). */
  setWarning(code: string, active: boolean): void {
    if (!WARNINGS.has(code))
      throw new RangeError(`unknown BMS warning "${code}" (known: ${[...WARNINGS].join(', ')})`);
    if (active) this.injectedWarnings.add(code);
    else this.injectedWarnings.delete(code);
  }

  /**
   * Withdraws (or gives back) the discharge permission: the enable flag drops while DCL stays,
   * as a BMS does when it wants no discharge without raising an alarm.
   */
  setDischargeBlocked(blocked: boolean): void {
    this.dischargeBlocked = blocked;
  }

  /** Active alarms: injected ones plus those the pack's own state raises. */
  alarms(): string[] {
    const out = new Set(this.injectedAlarms);
    if (this.temperature >= 60) out.add('OVER_TEMPERATURE');
    if (this.temperature <= -20) out.add('UNDER_TEMPERATURE');
    return [...out];
  }

  /** Active warnings: injected ones plus those the pack's own state raises. */
  warnings(): string[] {
    const out = new Set(this.injectedWarnings);
    if (this.temperature >= 45) out.add('HIGH_TEMPERATURE');
    if (this.temperature <= 0) out.add('LOW_TEMPERATURE');
    if (this.soc >= 99) out.add('CELL_HIGH_VOLTAGE');
    if (this.soc <= 3) out.add('CELL_LOW_VOLTAGE');
    return [...out];
  }

  /** CCL/DCL tapered by SOC and temperature; everything off while an alarm is active. */
  limits(): BatteryLimits {
    if (this.alarms().length > 0) {
      return {
        chargeCurrentLimitA: 0,
        dischargeCurrentLimitA: 0,
        chargeEnabled: false,
        dischargeEnabled: false,
      };
    }
    const ccl = this.options.maxChargeCurrentA * chargeCurrentShare(this.soc, this.temperature);
    const dcl =
      this.options.maxDischargeCurrentA * dischargeCurrentShare(this.soc, this.temperature);
    return {
      chargeCurrentLimitA: ccl,
      dischargeCurrentLimitA: dcl,
      chargeEnabled: this.soc < 100 && ccl > 0,
      dischargeEnabled: !this.dischargeBlocked && this.soc > 0 && dcl > 0,
    };
  }

  /**
   * The power the pack accepts now, W (both >= 0): limit current x open-circuit voltage, the
   * same voltage the step converts power to current with, so staying inside these bounds
   * keeps the current inside CCL/DCL.
   */
  powerBounds(): { maxChargeW: number; maxDischargeW: number } {
    const l = this.limits();
    const v = packOpenCircuitV(this.soc);
    return {
      maxChargeW: l.chargeEnabled ? l.chargeCurrentLimitA * v : 0,
      maxDischargeW: l.dischargeEnabled ? l.dischargeCurrentLimitA * v : 0,
    };
  }

  /**
   * Integrates `dtS` seconds at `powerW` (positive = discharge). The pack cannot go below
   * empty or above full: the power is cut to what fits, and the power actually exchanged
   * is returned. Current limits are the inverter's job; this model only records the current.
   */
  step(dtS: number, powerW: number): number {
    if (!Number.isFinite(dtS) || dtS < 0)
      throw new RangeError(`battery step: dt ${dtS} must be >= 0`);
    if (!Number.isFinite(powerW))
      throw new RangeError(`battery step: power ${powerW} is not finite`);
    if (dtS === 0) return 0;
    const { capacityKwh, efficiency } = this.options;
    const capacityWh = capacityKwh * 1_000;
    // SOC is moved by adding the energy as a share, never recomputed from stored Wh, so a
    // charge step can never lower it by rounding.
    const storedWh = (this.soc / 100) * capacityWh;
    let power = powerW;
    if (power < 0) {
      const inWh = Math.min(
        (-power * dtS * efficiency) / 3_600,
        ((100 - this.soc) / 100) * capacityWh,
      );
      power = -(inWh * 3_600) / (efficiency * dtS);
      this.soc = clamp(this.soc + (inWh / capacityWh) * 100, 0, 100);
    } else if (power > 0) {
      const outWh = Math.min((power * dtS) / (3_600 * efficiency), storedWh);
      power = (outWh * 3_600 * efficiency) / dtS;
      this.soc = clamp(this.soc - (outWh / capacityWh) * 100, 0, 100);
    }
    if (power < 0) this.chargedWh += (-power * dtS) / 3_600;
    else this.dischargedWh += (power * dtS) / 3_600;
    this.current = -power / packOpenCircuitV(this.soc);
    const lossW = this.current ** 2 * this.options.internalResistanceOhm;
    const steady = this.ambient + lossW * this.options.thermalResistanceKPerW;
    this.temperature +=
      (steady - this.temperature) * (1 - Math.exp(-dtS / this.options.thermalTimeConstantS));
    return power;
  }

  /**
   * The temperature the BMS reports: an injected temperature alarm comes with a temperature
   * that would raise it (the thresholds of alarms()), so the operator never sees
   * OVER_TEMPERATURE at 25 degC.
   */
  private reportedTemperatureC(): number {
    if (this.injectedAlarms.has('OVER_TEMPERATURE')) return Math.max(this.temperature, 60);
    if (this.injectedAlarms.has('UNDER_TEMPERATURE')) return Math.min(this.temperature, -20);
    if (this.injectedWarnings.has('HIGH_TEMPERATURE')) return Math.max(this.temperature, 45);
    if (this.injectedWarnings.has('LOW_TEMPERATURE')) return Math.min(this.temperature, 0);
    return this.temperature;
  }

  /** What the BMS would report on CAN right now. */
  bmsReading(): BmsReading {
    const limits = this.limits();
    return {
      socPct: this.soc,
      sohPct: this.options.sohPct,
      voltageV: this.voltageV,
      currentA: this.current,
      temperatureC: this.reportedTemperatureC(),
      chargeVoltageLimitV: CHARGE_VOLTAGE_LIMIT_V,
      ...limits,
      alarms: this.alarms(),
      warnings: this.warnings(),
    };
  }
}

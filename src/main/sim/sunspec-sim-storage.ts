import type { InverterModel } from './inverter-model';
import { MODBUS_EXCEPTION, ModbusServerException } from './modbus-server-exception';

/**
 * Model 124 (basic storage controls) of the simulated inverter: StorCtl_Mod, OutWRte, InWRte
 * and InOutWRte_RvrtTms, turned into the inverter model's power setpoint.
 *
 * StorCtl_Mod bit 0 makes InWRte (the charge limit, % of WChaMax) apply, bit 1 makes OutWRte
 * (the discharge limit) apply; a limit that is not enabled is 100 %. The limits bound the
 * power to [-InWRte, OutWRte] % (positive = discharge) and the inverter, which has no mind
 * of its own, runs at the point of that window nearest 0 W: both limits at X % force X %,
 * OutWRte = -X forces a charge. A window that contradicts itself (-InWRte > OutWRte) idles
 * at 0 W. Both rates are taken as % of WChaMax, as the sunspec-storage-124 profile writes
 * them (model 124 has no WDisChaMax point).
 *
 * InOutWRte_RvrtTms is the inverter model's watchdog: any rate or mode write refreshes it;
 * when it expires the inverter falls to 0 W and these controls return to their defaults
 * (mode 0, rates 100 %), as SunSpec's revert describes. 0 (never revert) is refused: the
 * simulated inverter always reverts, so a dead EMS can never leave it running.
 */

/** The writable 124 points, by SunSpec name. */
export const STORAGE_WRITABLE = ['StorCtl_Mod', 'OutWRte', 'InWRte', 'InOutWRte_RvrtTms'] as const;

/** The 124 control registers of the simulated inverter. */
export class SimStorageControls {
  private mode = 0;
  private outPct = 100;
  private inPct = 100;

  constructor(private readonly inverter: InverterModel) {}

  /** Current values of the writable points (defaults again after a watchdog revert). */
  values(): Record<(typeof STORAGE_WRITABLE)[number], number> {
    this.syncRevert();
    return {
      StorCtl_Mod: this.mode,
      OutWRte: this.outPct,
      InWRte: this.inPct,
      InOutWRte_RvrtTms: this.inverter.watchdogTimeoutS,
    };
  }

  /**
   * Applies writes (engineering values by SunSpec name) at wall time `now`. Throws a
   * ModbusServerException for any value out of range, before anything is applied.
   */
  write(writes: ReadonlyMap<string, number>, now: number): void {
    const refuse = (what: string): never => {
      throw new ModbusServerException(what, MODBUS_EXCEPTION.illegalDataValue);
    };
    const mode = writes.get('StorCtl_Mod');
    if (mode !== undefined && !(Number.isInteger(mode) && mode >= 0 && mode <= 3))
      refuse(`StorCtl_Mod ${mode}: only bits 0 (charge) and 1 (discharge) exist`);
    for (const name of ['OutWRte', 'InWRte']) {
      const pct = writes.get(name);
      if (pct !== undefined && !(pct >= -100 && pct <= 100))
        refuse(`${name} ${pct} %: outside -100..100 %`);
    }
    const timeout = writes.get('InOutWRte_RvrtTms');
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 3600))
      refuse(`InOutWRte_RvrtTms ${timeout} s: the simulated inverter reverts after 1..3600 s`);
    for (const name of writes.keys()) {
      if (!(STORAGE_WRITABLE as readonly string[]).includes(name))
        throw new ModbusServerException(
          `${name} is not writable on the simulated inverter`,
          MODBUS_EXCEPTION.illegalDataAddress,
        );
    }
    this.syncRevert();
    if (timeout !== undefined) this.inverter.writeWatchdogTimeout(timeout);
    this.mode = mode ?? this.mode;
    this.outPct = writes.get('OutWRte') ?? this.outPct;
    this.inPct = writes.get('InWRte') ?? this.inPct;
    if (mode !== undefined || writes.has('OutWRte') || writes.has('InWRte'))
      this.inverter.writeSetpoint(now, this.targetW());
  }

  /** The power the controls command, W (positive = discharge). */
  targetW(): number {
    const low = this.mode & 1 ? -this.inPct : -100;
    const high = this.mode & 2 ? this.outPct : 100;
    if (low > high) return 0;
    const pct = Math.min(high, Math.max(low, 0));
    return (pct * this.inverter.ratedChargeW) / 100 + 0;
  }

  private syncRevert(): void {
    if (!this.inverter.watchdogExpired) return;
    this.mode = 0;
    this.outPct = 100;
    this.inPct = 100;
  }
}

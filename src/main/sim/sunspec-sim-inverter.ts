import { MODEL_1 } from '../devices/modbus/sunspec/sunspec-models-common';
import { MODEL_124 } from '../devices/modbus/sunspec/sunspec-models-controls';
import { MODEL_103 } from '../devices/modbus/sunspec/sunspec-models-inverter';
import { MODBUS_EXCEPTION, ModbusServerException } from './modbus-server-exception';
import { RegisterBank } from './register-bank';
import type { SiteModel } from './site-model';
import type { SunSpecSimDevice, Values } from './sunspec-sim-common';
import { SUNSPEC_SIM_BASE, amps, common, named } from './sunspec-sim-common';
import { buildSunSpecSimLayout } from './sunspec-sim-layout';
import { STORAGE_WRITABLE, SimStorageControls } from './sunspec-sim-storage';

/**
 * The simulated battery inverter as a SunSpec device: models 1, 103 (W with W_SF = 1, so
 * 10 W steps, as many real inverters report) and 124 (SOC, WChaMax and the storage controls
 * the EMS writes).
 *
 * Coupling 'ac': the inverter is the battery's alone; 103 W = battery power, DCW = the same
 * on the DC side. Coupling 'hybrid': the site's PV is behind this inverter, so 103 W = PV +
 * battery discharge and DCW = PV input, as on a real hybrid. The site's balance is the same
 * either way (grid = load - PV - battery), only what the inverter reports changes. The
 * hybrid has no PV clipping at its rating: the simulated PV stays below it.
 */

/** 124 ChaSt from SOC and power: FULL/EMPTY at the ends, else the direction or HOLDING. */
function chargeStatus(socPct: number, watts: number): number {
  if (socPct >= 99.5) return 5;
  if (socPct <= 0.5) return 2;
  if (watts < -5) return 4;
  return watts > 5 ? 3 : 6;
}

/** 103 St from the simulated inverter's status (off, standby, running, fault). */
const INVERTER_ST = [1, 8, 4, 7] as const;

/** The inverter: models 1, 103 and 124. Writes reach the model at `clock()` (wall ms). */
export function sunspecInverterDevice(
  model: SiteModel,
  clock: () => number,
  coupling: 'ac' | 'hybrid' = 'ac',
): SunSpecSimDevice {
  const hybrid = coupling === 'hybrid';
  const live103 = ['A', 'AphA', 'AphB', 'AphC', 'A_SF', 'PhVphA', 'PhVphB', 'PhVphC', 'V_SF'];
  const layout = buildSunSpecSimLayout(
    hybrid ? 'Simulated SunSpec hybrid inverter' : 'Simulated SunSpec storage inverter',
    SUNSPEC_SIM_BASE,
    [
      {
        def: MODEL_1,
        constants: common('Simulated battery inverter', `SIM-INV-${model.seed}`),
        live: [],
      },
      {
        def: MODEL_103,
        live: [...live103, 'W', 'W_SF', 'DCW', 'DCW_SF', 'Hz', 'Hz_SF', 'VA', 'VA_SF', 'St'],
      },
      {
        def: MODEL_124,
        live: [
          'WChaMax',
          'WChaMax_SF',
          'ChaState',
          'ChaState_SF',
          'InBatV',
          'InBatV_SF',
          'ChaSt',
          'InOutWRte_SF',
          ...STORAGE_WRITABLE,
        ],
        writable: STORAGE_WRITABLE,
      },
    ],
    (n) => ({
      kind: 'inverter',
      inverter: {
        coupling,
        // The simulated inverter's watchdog drops it to 0 W (see sunspec-sim-storage.ts).
        onWatchdogExpiry: 'zero',
        ...(hybrid
          ? {
              controlled: {
                quantity: 'batteryPower',
                terms: [
                  { point: n(103, 'W'), sign: 1 },
                  { point: n(103, 'DCW'), sign: -1 },
                ],
              },
              pvPoint: n(103, 'DCW'),
            }
          : {}),
        powerPoint: n(103, 'W'),
        powerSign: 1,
        socPoint: n(124, 'ChaState'),
        ratedChargePoint: n(124, 'WChaMax'),
        ratedDischargePoint: n(124, 'WChaMax'),
        setpoint: {
          method: 'sunspecStorage',
          modePoint: n(124, 'StorCtl_Mod'),
          chargeRatePoint: n(124, 'InWRte'),
          dischargeRatePoint: n(124, 'OutWRte'),
          maxPowerPoint: n(124, 'WChaMax'),
        },
        watchdog: {
          timeoutPoint: n(124, 'InOutWRte_RvrtTms'),
          timeoutS: 30,
          refresh: { by: 'setpointWrite' },
        },
      },
    }),
  );
  const controls = new SimStorageControls(model.inverter);
  const read = (): Values => {
    const { inverter, battery } = model;
    const meter = model.meter.readings();
    const battery103 = inverter.activePowerW;
    const pv = hybrid ? model.pvW : 0;
    const w = battery103 + pv;
    const volts = [meter.voltageL1V, meter.voltageL2V, meter.voltageL3V] as const;
    const phase = volts.map((v) => amps(w / 3, v));
    return {
      ...layout.constants,
      ...named(layout, 103, {
        A: phase.every((a) => a !== null) ? phase.reduce<number>((s, a) => s + (a ?? 0), 0) : null,
        AphA: phase[0] ?? null,
        AphB: phase[1] ?? null,
        AphC: phase[2] ?? null,
        A_SF: -2,
        PhVphA: volts[0],
        PhVphB: volts[1],
        PhVphC: volts[2],
        V_SF: -1,
        W: w,
        W_SF: 1,
        DCW: hybrid ? pv : battery103,
        DCW_SF: 1,
        Hz: meter.frequencyHz,
        Hz_SF: -2,
        VA: Math.abs(w),
        VA_SF: 1,
        St: INVERTER_ST[inverter.statusCode(battery.alarms().length > 0)] ?? null,
      }),
      ...named(layout, 124, {
        WChaMax: inverter.ratedChargeW,
        WChaMax_SF: 0,
        ChaState: battery.socPct,
        ChaState_SF: -1,
        InBatV: battery.voltageV,
        InBatV_SF: -1,
        ChaSt: chargeStatus(battery.socPct, battery103),
        InOutWRte_SF: -2,
        ...controls.values(),
      }),
    };
  };
  const prefix = layout.pointName(124, '');
  const write = (writes: ReadonlyMap<string, number>): void => {
    const mapped = new Map<string, number>();
    for (const [name, value] of writes) {
      if (!name.startsWith(prefix))
        throw new ModbusServerException(
          `${name} is not writable`,
          MODBUS_EXCEPTION.illegalDataAddress,
        );
      mapped.set(name.slice(prefix.length), value);
    }
    controls.write(mapped, clock());
  };
  return { bank: new RegisterBank(layout.profile, read, write), layout };
}

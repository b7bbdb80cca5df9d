import { MODEL_1 } from '../devices/modbus/sunspec/sunspec-models-common';
import { MODEL_203 } from '../devices/modbus/sunspec/sunspec-models-meter';
import { MODBUS_EXCEPTION, ModbusServerException } from './modbus-server-exception';
import { RegisterBank } from './register-bank';
import type { SiteModel } from './site-model';
import type { SunSpecSimDevice, Values } from './sunspec-sim-common';
import { SUNSPEC_SIM_BASE, amps, common, named } from './sunspec-sim-common';
import { buildSunSpecSimLayout } from './sunspec-sim-layout';

/**
 * The simulated grid meter as a SunSpec device: models 1 and 203 (wye three-phase meter),
 * read-only like a real meter.
 */

/** The grid meter: models 1 and 203 (W positive = import, the project's sign). */
export function sunspecMeterDevice(model: SiteModel): SunSpecSimDevice {
  const live = ['A', 'AphA', 'AphB', 'AphC', 'A_SF', 'PhV', 'PhVphA', 'PhVphB', 'PhVphC', 'V_SF'];
  const layout = buildSunSpecSimLayout(
    'Simulated SunSpec grid meter',
    SUNSPEC_SIM_BASE,
    [
      {
        def: MODEL_1,
        constants: common('Simulated grid meter', `SIM-MTR-${model.seed}`),
        live: [],
      },
      {
        def: MODEL_203,
        live: [
          ...live,
          'Hz',
          'Hz_SF',
          'W',
          'WphA',
          'WphB',
          'WphC',
          'W_SF',
          'TotWhExp',
          'TotWhImp',
          'TotWh_SF',
        ],
      },
    ],
    (n) => ({ kind: 'meter', meter: { powerPoint: n(203, 'W'), powerSign: 1 } }),
  );
  const read = (): Values => {
    const r = model.meter.readings();
    const a = [
      amps(r.powerL1W, r.voltageL1V),
      amps(r.powerL2W, r.voltageL2V),
      amps(r.powerL3W, r.voltageL3V),
    ];
    return {
      ...layout.constants,
      ...named(layout, 203, {
        A: a.every((x) => x !== null) ? a.reduce<number>((s, x) => s + (x ?? 0), 0) : null,
        AphA: a[0] ?? null,
        AphB: a[1] ?? null,
        AphC: a[2] ?? null,
        A_SF: -2,
        PhV: (r.voltageL1V + r.voltageL2V + r.voltageL3V) / 3,
        PhVphA: r.voltageL1V,
        PhVphB: r.voltageL2V,
        PhVphC: r.voltageL3V,
        V_SF: -1,
        Hz: r.frequencyHz,
        Hz_SF: -2,
        W: r.gridPowerW,
        WphA: r.powerL1W,
        WphB: r.powerL2W,
        WphC: r.powerL3W,
        W_SF: 0,
        // Counters never run ahead of the energy actually metered; 0 reads "not accumulated".
        TotWhExp: Math.floor(r.exportEnergyWh),
        TotWhImp: Math.floor(r.importEnergyWh),
        TotWh_SF: 0,
      }),
    };
  };
  const refuse = (): never => {
    throw new ModbusServerException(
      'the meter accepts no writes',
      MODBUS_EXCEPTION.illegalDataAddress,
    );
  };
  return { bank: new RegisterBank(layout.profile, read, refuse), layout };
}

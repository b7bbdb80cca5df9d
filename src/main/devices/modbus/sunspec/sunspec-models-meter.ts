import { defineModel, type PointRow, type SunSpecModelDef } from './sunspec-model-def';

/**
 * SunSpec tables: models 201-204 (AC meters, integer + scale factor). The four share one
 * layout; model 201 names its line-to-line voltages PPVphAB/BC/CA where 202-204 say
 * PhVphAB/BC/CA. W is positive for power imported from the grid, the project's own sign.
 */

function rows(lineVolts: readonly [string, string, string]): readonly PointRow[] {
  return [
    [0, 'ID', 'uint16'],
    [1, 'L', 'uint16'],
    [2, 'A', 'int16', 'A_SF', 'A'],
    [3, 'AphA', 'int16', 'A_SF', 'A'],
    [4, 'AphB', 'int16', 'A_SF', 'A'],
    [5, 'AphC', 'int16', 'A_SF', 'A'],
    [6, 'A_SF', 'sunssf'],
    [7, 'PhV', 'int16', 'V_SF', 'V'],
    [8, 'PhVphA', 'int16', 'V_SF', 'V'],
    [9, 'PhVphB', 'int16', 'V_SF', 'V'],
    [10, 'PhVphC', 'int16', 'V_SF', 'V'],
    [11, 'PPV', 'int16', 'V_SF', 'V'],
    [12, lineVolts[0], 'int16', 'V_SF', 'V'],
    [13, lineVolts[1], 'int16', 'V_SF', 'V'],
    [14, lineVolts[2], 'int16', 'V_SF', 'V'],
    [15, 'V_SF', 'sunssf'],
    [16, 'Hz', 'int16', 'Hz_SF', 'Hz'],
    [17, 'Hz_SF', 'sunssf'],
    [18, 'W', 'int16', 'W_SF', 'W'],
    [19, 'WphA', 'int16', 'W_SF', 'W'],
    [20, 'WphB', 'int16', 'W_SF', 'W'],
    [21, 'WphC', 'int16', 'W_SF', 'W'],
    [22, 'W_SF', 'sunssf'],
    [23, 'VA', 'int16', 'VA_SF', 'VA'],
    [24, 'VAphA', 'int16', 'VA_SF', 'VA'],
    [25, 'VAphB', 'int16', 'VA_SF', 'VA'],
    [26, 'VAphC', 'int16', 'VA_SF', 'VA'],
    [27, 'VA_SF', 'sunssf'],
    [28, 'VAR', 'int16', 'VAR_SF', 'var'],
    [29, 'VARphA', 'int16', 'VAR_SF', 'var'],
    [30, 'VARphB', 'int16', 'VAR_SF', 'var'],
    [31, 'VARphC', 'int16', 'VAR_SF', 'var'],
    [32, 'VAR_SF', 'sunssf'],
    [33, 'PF', 'int16', 'PF_SF', 'Pct'],
    [34, 'PFphA', 'int16', 'PF_SF', 'Pct'],
    [35, 'PFphB', 'int16', 'PF_SF', 'Pct'],
    [36, 'PFphC', 'int16', 'PF_SF', 'Pct'],
    [37, 'PF_SF', 'sunssf'],
    [38, 'TotWhExp', 'acc32', 'TotWh_SF', 'Wh'],
    [40, 'TotWhExpPhA', 'acc32', 'TotWh_SF', 'Wh'],
    [42, 'TotWhExpPhB', 'acc32', 'TotWh_SF', 'Wh'],
    [44, 'TotWhExpPhC', 'acc32', 'TotWh_SF', 'Wh'],
    [46, 'TotWhImp', 'acc32', 'TotWh_SF', 'Wh'],
    [48, 'TotWhImpPhA', 'acc32', 'TotWh_SF', 'Wh'],
    [50, 'TotWhImpPhB', 'acc32', 'TotWh_SF', 'Wh'],
    [52, 'TotWhImpPhC', 'acc32', 'TotWh_SF', 'Wh'],
    [54, 'TotWh_SF', 'sunssf'],
    [55, 'TotVAhExp', 'acc32', 'TotVAh_SF', 'VAh'],
    [57, 'TotVAhExpPhA', 'acc32', 'TotVAh_SF', 'VAh'],
    [59, 'TotVAhExpPhB', 'acc32', 'TotVAh_SF', 'VAh'],
    [61, 'TotVAhExpPhC', 'acc32', 'TotVAh_SF', 'VAh'],
    [63, 'TotVAhImp', 'acc32', 'TotVAh_SF', 'VAh'],
    [65, 'TotVAhImpPhA', 'acc32', 'TotVAh_SF', 'VAh'],
    [67, 'TotVAhImpPhB', 'acc32', 'TotVAh_SF', 'VAh'],
    [69, 'TotVAhImpPhC', 'acc32', 'TotVAh_SF', 'VAh'],
    [71, 'TotVAh_SF', 'sunssf'],
    [72, 'TotVArhImpQ1', 'acc32', 'TotVArh_SF', 'varh'],
    [74, 'TotVArhImpQ1PhA', 'acc32', 'TotVArh_SF', 'varh'],
    [76, 'TotVArhImpQ1PhB', 'acc32', 'TotVArh_SF', 'varh'],
    [78, 'TotVArhImpQ1PhC', 'acc32', 'TotVArh_SF', 'varh'],
    [80, 'TotVArhImpQ2', 'acc32', 'TotVArh_SF', 'varh'],
    [82, 'TotVArhImpQ2PhA', 'acc32', 'TotVArh_SF', 'varh'],
    [84, 'TotVArhImpQ2PhB', 'acc32', 'TotVArh_SF', 'varh'],
    [86, 'TotVArhImpQ2PhC', 'acc32', 'TotVArh_SF', 'varh'],
    [88, 'TotVArhExpQ3', 'acc32', 'TotVArh_SF', 'varh'],
    [90, 'TotVArhExpQ3PhA', 'acc32', 'TotVArh_SF', 'varh'],
    [92, 'TotVArhExpQ3PhB', 'acc32', 'TotVArh_SF', 'varh'],
    [94, 'TotVArhExpQ3PhC', 'acc32', 'TotVArh_SF', 'varh'],
    [96, 'TotVArhExpQ4', 'acc32', 'TotVArh_SF', 'varh'],
    [98, 'TotVArhExpQ4PhA', 'acc32', 'TotVArh_SF', 'varh'],
    [100, 'TotVArhExpQ4PhB', 'acc32', 'TotVArh_SF', 'varh'],
    [102, 'TotVArhExpQ4PhC', 'acc32', 'TotVArh_SF', 'varh'],
    [104, 'TotVArh_SF', 'sunssf'],
    [105, 'Evt', 'bitfield32'],
  ];
}

function meterModel(id: number, name: string, prefix: 'PPVph' | 'PhVph'): SunSpecModelDef {
  const lineVolts = [`${prefix}AB`, `${prefix}BC`, `${prefix}CA`] as const;
  return defineModel({ id, name, length: 105, rows: rows(lineVolts) });
}

/** Model 201 (ac_meter_an_or_ab: single phase). */
export const MODEL_201: SunSpecModelDef = meterModel(201, 'ac_meter_an_or_ab', 'PPVph');
/** Model 202 (ac_meter_abn: split single phase). */
export const MODEL_202: SunSpecModelDef = meterModel(202, 'ac_meter_abn', 'PhVph');
/** Model 203 (ac_meter_abcn: wye three phase). */
export const MODEL_203: SunSpecModelDef = meterModel(203, 'ac_meter_abcn', 'PhVph');
/** Model 204 (ac_meter_abc: delta three phase). */
export const MODEL_204: SunSpecModelDef = meterModel(204, 'ac_meter_abc', 'PhVph');

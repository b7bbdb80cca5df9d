import { defineModel, type SunSpecModelDef } from './sunspec-model-def';

/**
 * SunSpec tables: models 101, 102 and 103 (single-phase, split-phase and three-phase inverter,
 * integer + scale factor). The three share one layout; only id and name differ. W is AC
 * active power, positive = power leaving the inverter (for a battery inverter: discharge).
 */

const ROWS = [
  [0, 'ID', 'uint16'],
  [1, 'L', 'uint16'],
  [2, 'A', 'uint16', 'A_SF', 'A'],
  [3, 'AphA', 'uint16', 'A_SF', 'A'],
  [4, 'AphB', 'uint16', 'A_SF', 'A'],
  [5, 'AphC', 'uint16', 'A_SF', 'A'],
  [6, 'A_SF', 'sunssf'],
  [7, 'PPVphAB', 'uint16', 'V_SF', 'V'],
  [8, 'PPVphBC', 'uint16', 'V_SF', 'V'],
  [9, 'PPVphCA', 'uint16', 'V_SF', 'V'],
  [10, 'PhVphA', 'uint16', 'V_SF', 'V'],
  [11, 'PhVphB', 'uint16', 'V_SF', 'V'],
  [12, 'PhVphC', 'uint16', 'V_SF', 'V'],
  [13, 'V_SF', 'sunssf'],
  [14, 'W', 'int16', 'W_SF', 'W'],
  [15, 'W_SF', 'sunssf'],
  [16, 'Hz', 'uint16', 'Hz_SF', 'Hz'],
  [17, 'Hz_SF', 'sunssf'],
  [18, 'VA', 'int16', 'VA_SF', 'VA'],
  [19, 'VA_SF', 'sunssf'],
  [20, 'VAr', 'int16', 'VAr_SF', 'var'],
  [21, 'VAr_SF', 'sunssf'],
  [22, 'PF', 'int16', 'PF_SF', 'Pct'],
  [23, 'PF_SF', 'sunssf'],
  [24, 'WH', 'acc32', 'WH_SF', 'Wh'],
  [26, 'WH_SF', 'sunssf'],
  [27, 'DCA', 'uint16', 'DCA_SF', 'A'],
  [28, 'DCA_SF', 'sunssf'],
  [29, 'DCV', 'uint16', 'DCV_SF', 'V'],
  [30, 'DCV_SF', 'sunssf'],
  [31, 'DCW', 'int16', 'DCW_SF', 'W'],
  [32, 'DCW_SF', 'sunssf'],
  [33, 'TmpCab', 'int16', 'Tmp_SF', 'C'],
  [34, 'TmpSnk', 'int16', 'Tmp_SF', 'C'],
  [35, 'TmpTrns', 'int16', 'Tmp_SF', 'C'],
  [36, 'TmpOt', 'int16', 'Tmp_SF', 'C'],
  [37, 'Tmp_SF', 'sunssf'],
  [38, 'St', 'enum16'],
  [39, 'StVnd', 'enum16'],
  [40, 'Evt1', 'bitfield32'],
  [42, 'Evt2', 'bitfield32'],
  [44, 'EvtVnd1', 'bitfield32'],
  [46, 'EvtVnd2', 'bitfield32'],
  [48, 'EvtVnd3', 'bitfield32'],
  [50, 'EvtVnd4', 'bitfield32'],
] as const;

function inverterModel(id: number, name: string): SunSpecModelDef {
  return defineModel({ id, name, length: 50, rows: ROWS });
}

/** Model 101 (inverter_single_phase). */
export const MODEL_101: SunSpecModelDef = inverterModel(101, 'inverter_single_phase');
/** Model 102 (inverter_split_phase). */
export const MODEL_102: SunSpecModelDef = inverterModel(102, 'inverter_split_phase');
/** Model 103 (inverter_three_phase). */
export const MODEL_103: SunSpecModelDef = inverterModel(103, 'inverter_three_phase');

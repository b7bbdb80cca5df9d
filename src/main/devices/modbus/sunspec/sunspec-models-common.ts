import { defineModel, type SunSpecModelDef } from './sunspec-model-def';

/**
 * SunSpec tables: model 1 (common: manufacturer, model, serial number) and model 120
 * (nameplate ratings, including the battery's charge and discharge rates).
 */

/** Model 1 (common). */
export const MODEL_1: SunSpecModelDef = defineModel({
  id: 1,
  name: 'common',
  length: 66,
  rows: [
    [0, 'ID', 'uint16'],
    [1, 'L', 'uint16'],
    [2, 'Mn', 'string'],
    [18, 'Md', 'string'],
    [34, 'Opt', 'string'],
    [42, 'Vr', 'string'],
    [50, 'SN', 'string'],
    [66, 'DA', 'uint16', '', '', 'rw'],
    [67, 'Pad', 'pad'],
  ],
});

/** Model 120 (nameplate). */
export const MODEL_120: SunSpecModelDef = defineModel({
  id: 120,
  name: 'nameplate',
  length: 26,
  rows: [
    [0, 'ID', 'uint16'],
    [1, 'L', 'uint16'],
    [2, 'DERTyp', 'enum16'],
    [3, 'WRtg', 'uint16', 'WRtg_SF', 'W'],
    [4, 'WRtg_SF', 'sunssf'],
    [5, 'VARtg', 'uint16', 'VARtg_SF', 'VA'],
    [6, 'VARtg_SF', 'sunssf'],
    [7, 'VArRtgQ1', 'int16', 'VArRtg_SF', 'var'],
    [8, 'VArRtgQ2', 'int16', 'VArRtg_SF', 'var'],
    [9, 'VArRtgQ3', 'int16', 'VArRtg_SF', 'var'],
    [10, 'VArRtgQ4', 'int16', 'VArRtg_SF', 'var'],
    [11, 'VArRtg_SF', 'sunssf'],
    [12, 'ARtg', 'uint16', 'ARtg_SF', 'A'],
    [13, 'ARtg_SF', 'sunssf'],
    [14, 'PFRtgQ1', 'int16', 'PFRtg_SF', 'cos()'],
    [15, 'PFRtgQ2', 'int16', 'PFRtg_SF', 'cos()'],
    [16, 'PFRtgQ3', 'int16', 'PFRtg_SF', 'cos()'],
    [17, 'PFRtgQ4', 'int16', 'PFRtg_SF', 'cos()'],
    [18, 'PFRtg_SF', 'sunssf'],
    [19, 'WHRtg', 'uint16', 'WHRtg_SF', 'Wh'],
    [20, 'WHRtg_SF', 'sunssf'],
    [21, 'AhrRtg', 'uint16', 'AhrRtg_SF', 'AH'],
    [22, 'AhrRtg_SF', 'sunssf'],
    [23, 'MaxChaRte', 'uint16', 'MaxChaRte_SF', 'W'],
    [24, 'MaxChaRte_SF', 'sunssf'],
    [25, 'MaxDisChaRte', 'uint16', 'MaxDisChaRte_SF', 'W'],
    [26, 'MaxDisChaRte_SF', 'sunssf'],
    [27, 'Pad', 'pad'],
  ],
});

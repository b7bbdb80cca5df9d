import { defineModel, type SunSpecModelDef } from './sunspec-model-def';

/**
 * SunSpec tables: model 123 (immediate controls: connect, WMaxLimPct, power factor, var)
 * and model 124 (basic storage controls: the rates and StorCtl_Mod a storage controller writes).
 */

/** Model 123 (controls). */
export const MODEL_123: SunSpecModelDef = defineModel({
  id: 123,
  name: 'controls',
  length: 24,
  rows: [
    [0, 'ID', 'uint16'],
    [1, 'L', 'uint16'],
    [2, 'Conn_WinTms', 'uint16', '', 'Secs', 'rw'],
    [3, 'Conn_RvrtTms', 'uint16', '', 'Secs', 'rw'],
    [4, 'Conn', 'enum16', '', '', 'rw'],
    [5, 'WMaxLimPct', 'uint16', 'WMaxLimPct_SF', '% WMax', 'rw'],
    [6, 'WMaxLimPct_WinTms', 'uint16', '', 'Secs', 'rw'],
    [7, 'WMaxLimPct_RvrtTms', 'uint16', '', 'Secs', 'rw'],
    [8, 'WMaxLimPct_RmpTms', 'uint16', '', 'Secs', 'rw'],
    [9, 'WMaxLim_Ena', 'enum16', '', '', 'rw'],
    [10, 'OutPFSet', 'int16', 'OutPFSet_SF', 'cos()', 'rw'],
    [11, 'OutPFSet_WinTms', 'uint16', '', 'Secs', 'rw'],
    [12, 'OutPFSet_RvrtTms', 'uint16', '', 'Secs', 'rw'],
    [13, 'OutPFSet_RmpTms', 'uint16', '', 'Secs', 'rw'],
    [14, 'OutPFSet_Ena', 'enum16', '', '', 'rw'],
    [15, 'VArWMaxPct', 'int16', 'VArPct_SF', '% WMax', 'rw'],
    [16, 'VArMaxPct', 'int16', 'VArPct_SF', '% VArMax', 'rw'],
    [17, 'VArAvalPct', 'int16', 'VArPct_SF', '% VArAval', 'rw'],
    [18, 'VArPct_WinTms', 'uint16', '', 'Secs', 'rw'],
    [19, 'VArPct_RvrtTms', 'uint16', '', 'Secs', 'rw'],
    [20, 'VArPct_RmpTms', 'uint16', '', 'Secs', 'rw'],
    [21, 'VArPct_Mod', 'enum16', '', '', 'rw'],
    [22, 'VArPct_Ena', 'enum16', '', '', 'rw'],
    [23, 'WMaxLimPct_SF', 'sunssf'],
    [24, 'OutPFSet_SF', 'sunssf'],
    [25, 'VArPct_SF', 'sunssf'],
  ],
});

/** Model 124 (storage_basic). */
export const MODEL_124: SunSpecModelDef = defineModel({
  id: 124,
  name: 'storage_basic',
  length: 24,
  rows: [
    [0, 'ID', 'uint16'],
    [1, 'L', 'uint16'],
    [2, 'WChaMax', 'uint16', 'WChaMax_SF', 'W', 'rw'],
    [3, 'WChaGra', 'uint16', 'WChaDisChaGra_SF', '% WChaMax/sec', 'rw'],
    [4, 'WDisChaGra', 'uint16', 'WChaDisChaGra_SF', '% WChaMax/sec', 'rw'],
    [5, 'StorCtl_Mod', 'bitfield16', '', '', 'rw'],
    [6, 'VAChaMax', 'uint16', 'VAChaMax_SF', 'VA', 'rw'],
    [7, 'MinRsvPct', 'uint16', 'MinRsvPct_SF', '% WChaMax', 'rw'],
    [8, 'ChaState', 'uint16', 'ChaState_SF', '% AhrRtg'],
    [9, 'StorAval', 'uint16', 'StorAval_SF', 'AH'],
    [10, 'InBatV', 'uint16', 'InBatV_SF', 'V'],
    [11, 'ChaSt', 'enum16'],
    [12, 'OutWRte', 'int16', 'InOutWRte_SF', '% WDisChaMax', 'rw'],
    [13, 'InWRte', 'int16', 'InOutWRte_SF', '% WChaMax', 'rw'],
    [14, 'InOutWRte_WinTms', 'uint16', '', 'Secs', 'rw'],
    [15, 'InOutWRte_RvrtTms', 'uint16', '', 'Secs', 'rw'],
    [16, 'InOutWRte_RmpTms', 'uint16', '', 'Secs', 'rw'],
    [17, 'ChaGriSet', 'enum16', '', '', 'rw'],
    [18, 'WChaMax_SF', 'sunssf'],
    [19, 'WChaDisChaGra_SF', 'sunssf'],
    [20, 'VAChaMax_SF', 'sunssf'],
    [21, 'MinRsvPct_SF', 'sunssf'],
    [22, 'ChaState_SF', 'sunssf'],
    [23, 'StorAval_SF', 'sunssf'],
    [24, 'InBatV_SF', 'sunssf'],
    [25, 'InOutWRte_SF', 'sunssf'],
  ],
});

import { defineModel, type SunSpecModelDef } from './sunspec-model-def';

/**
 * SunSpec tables: model 121 (basic settings: WMax and friends) and model 122 (measurements
 * and status: connection bits, lifetime counters as 64-bit accumulators).
 */

/** Model 121 (settings). */
export const MODEL_121: SunSpecModelDef = defineModel({
  id: 121,
  name: 'settings',
  length: 30,
  rows: [
    [0, 'ID', 'uint16'],
    [1, 'L', 'uint16'],
    [2, 'WMax', 'uint16', 'WMax_SF', 'W', 'rw'],
    [3, 'VRef', 'uint16', 'VRef_SF', 'V', 'rw'],
    [4, 'VRefOfs', 'int16', 'VRefOfs_SF', 'V', 'rw'],
    [5, 'VMax', 'uint16', 'VMinMax_SF', 'V', 'rw'],
    [6, 'VMin', 'uint16', 'VMinMax_SF', 'V', 'rw'],
    [7, 'VAMax', 'uint16', 'VAMax_SF', 'VA', 'rw'],
    [8, 'VArMaxQ1', 'int16', 'VArMax_SF', 'var', 'rw'],
    [9, 'VArMaxQ2', 'int16', 'VArMax_SF', 'var', 'rw'],
    [10, 'VArMaxQ3', 'int16', 'VArMax_SF', 'var', 'rw'],
    [11, 'VArMaxQ4', 'int16', 'VArMax_SF', 'var', 'rw'],
    [12, 'WGra', 'uint16', 'WGra_SF', '% WMax/sec', 'rw'],
    [13, 'PFMinQ1', 'int16', 'PFMin_SF', 'cos()', 'rw'],
    [14, 'PFMinQ2', 'int16', 'PFMin_SF', 'cos()', 'rw'],
    [15, 'PFMinQ3', 'int16', 'PFMin_SF', 'cos()', 'rw'],
    [16, 'PFMinQ4', 'int16', 'PFMin_SF', 'cos()', 'rw'],
    [17, 'VArAct', 'enum16', '', '', 'rw'],
    [18, 'ClcTotVA', 'enum16', '', '', 'rw'],
    [19, 'MaxRmpRte', 'uint16', 'MaxRmpRte_SF', '% WGra', 'rw'],
    [20, 'ECPNomHz', 'uint16', 'ECPNomHz_SF', 'Hz', 'rw'],
    [21, 'ConnPh', 'enum16', '', '', 'rw'],
    [22, 'WMax_SF', 'sunssf'],
    [23, 'VRef_SF', 'sunssf'],
    [24, 'VRefOfs_SF', 'sunssf'],
    [25, 'VMinMax_SF', 'sunssf'],
    [26, 'VAMax_SF', 'sunssf'],
    [27, 'VArMax_SF', 'sunssf'],
    [28, 'WGra_SF', 'sunssf'],
    [29, 'PFMin_SF', 'sunssf'],
    [30, 'MaxRmpRte_SF', 'sunssf'],
    [31, 'ECPNomHz_SF', 'sunssf'],
  ],
});

/** Model 122 (status). */
export const MODEL_122: SunSpecModelDef = defineModel({
  id: 122,
  name: 'status',
  length: 44,
  rows: [
    [0, 'ID', 'uint16'],
    [1, 'L', 'uint16'],
    [2, 'PVConn', 'bitfield16'],
    [3, 'StorConn', 'bitfield16'],
    [4, 'ECPConn', 'bitfield16'],
    [5, 'ActWh', 'acc64', '', 'Wh'],
    [9, 'ActVAh', 'acc64', '', 'VAh'],
    [13, 'ActVArhQ1', 'acc64', '', 'varh'],
    [17, 'ActVArhQ2', 'acc64', '', 'varh'],
    [21, 'ActVArhQ3', 'acc64', '', 'varh'],
    [25, 'ActVArhQ4', 'acc64', '', 'varh'],
    [29, 'VArAval', 'int16', 'VArAval_SF', 'var'],
    [30, 'VArAval_SF', 'sunssf'],
    [31, 'WAval', 'uint16', 'WAval_SF', 'var'],
    [32, 'WAval_SF', 'sunssf'],
    [33, 'StSetLimMsk', 'bitfield32'],
    [35, 'StActCtl', 'bitfield32'],
    [37, 'TmSrc', 'string'],
    [41, 'Tms', 'uint32', '', 'Secs'],
    [43, 'RtSt', 'bitfield16'],
    [44, 'Ris', 'uint16', 'Ris_SF', 'ohms'],
    [45, 'Ris_SF', 'sunssf'],
  ],
});

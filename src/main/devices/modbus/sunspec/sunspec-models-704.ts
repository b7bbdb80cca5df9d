import { defineModel, type SunSpecModelDef } from './sunspec-model-def';

/**
 * SunSpec table: model 704 (DER AC controls: WSet / WSetEna / WSetRvrtTms for active power,
 * WMaxLimPct, var and power-factor settings). The fixed block is decoded; the four power-factor
 * groups that follow it are not (see notDecoded).
 */

/** Model 704 (DERCtlAC). */
export const MODEL_704: SunSpecModelDef = defineModel({
  id: 704,
  name: 'DERCtlAC',
  length: 57,
  notDecoded:
    'four power-factor groups after the fixed block (PFWInj, PFWInjRvrt, PFWAbs, PFWAbsRvrt: PF uint16 scaled by PF_SF, Ext enum16; 8 registers), listed raw',
  rows: [
    [0, 'ID', 'uint16'],
    [1, 'L', 'uint16'],
    [2, 'PFWInjEna', 'enum16', '', '', 'rw'],
    [3, 'PFWInjEnaRvrt', 'enum16', '', '', 'rw'],
    [4, 'PFWInjRvrtTms', 'uint32', '', 'Secs', 'rw'],
    [6, 'PFWInjRvrtRem', 'uint32', '', 'Secs'],
    [8, 'PFWAbsEna', 'enum16', '', '', 'rw'],
    [9, 'PFWAbsEnaRvrt', 'enum16', '', '', 'rw'],
    [10, 'PFWAbsRvrtTms', 'uint32', '', 'Secs', 'rw'],
    [12, 'PFWAbsRvrtRem', 'uint32', '', 'Secs'],
    [14, 'WMaxLimPctEna', 'enum16', '', '', 'rw'],
    [15, 'WMaxLimPct', 'uint16', 'WMaxLimPct_SF', 'Pct', 'rw'],
    [16, 'WMaxLimPctRvrt', 'uint16', 'WMaxLimPct_SF', 'Pct', 'rw'],
    [17, 'WMaxLimPctEnaRvrt', 'enum16', '', '', 'rw'],
    [18, 'WMaxLimPctRvrtTms', 'uint32', '', 'Secs', 'rw'],
    [20, 'WMaxLimPctRvrtRem', 'uint32', '', 'Secs'],
    [22, 'WSetEna', 'enum16', '', '', 'rw'],
    [23, 'WSetMod', 'enum16', '', '', 'rw'],
    [24, 'WSet', 'int32', 'WSet_SF', 'W', 'rw'],
    [26, 'WSetRvrt', 'int32', 'WSet_SF', 'W', 'rw'],
    [28, 'WSetPct', 'int16', 'WSetPct_SF', 'Pct', 'rw'],
    [29, 'WSetPctRvrt', 'int16', 'WSetPct_SF', 'Pct', 'rw'],
    [30, 'WSetEnaRvrt', 'enum16', '', '', 'rw'],
    [31, 'WSetRvrtTms', 'uint32', '', 'Secs', 'rw'],
    [33, 'WSetRvrtRem', 'uint32', '', 'Secs'],
    [35, 'VarSetEna', 'enum16', '', '', 'rw'],
    [36, 'VarSetMod', 'enum16', '', '', 'rw'],
    [37, 'VarSetPri', 'enum16', '', '', 'rw'],
    [38, 'VarSet', 'int32', 'VarSet_SF', 'Var', 'rw'],
    [40, 'VarSetRvrt', 'int32', 'VarSet_SF', 'Var', 'rw'],
    [42, 'VarSetPct', 'int16', 'VarSetPct_SF', 'Pct', 'rw'],
    [43, 'VarSetPctRvrt', 'int16', 'VarSetPct_SF', 'Pct', 'rw'],
    [44, 'VarSetEnaRvrt', 'enum16', '', '', 'rw'],
    [45, 'VarSetRvrtTms', 'uint32', '', 'Secs', 'rw'],
    [47, 'VarSetRvrtRem', 'uint32', '', 'Secs'],
    [49, 'WRmp', 'uint16', '', '%Max/Sec', 'rw'],
    [50, 'WRmpRef', 'enum16', '', '', 'rw'],
    [51, 'VarRmp', 'uint16', '', '%Max/Sec', 'rw'],
    [52, 'AntiIslEna', 'enum16', '', '', 'rw'],
    [53, 'PF_SF', 'sunssf'],
    [54, 'WMaxLimPct_SF', 'sunssf'],
    [55, 'WSet_SF', 'sunssf'],
    [56, 'WSetPct_SF', 'sunssf'],
    [57, 'VarSet_SF', 'sunssf'],
    [58, 'VarSetPct_SF', 'sunssf'],
  ],
});

/**
 * Symbol names of the SunSpec enumerations and bitfields the project decodes, as the SunSpec
 * model JSON defines them (https://github.com/sunspec/models, json/model_<id>.json). For an
 * enumeration the key is the value; for a bitfield it is the bit number (0 = least
 * significant). Points the JSON leaves vendor-defined (StVnd, Evt2, EvtVnd1..4) have no table.
 * sunspec-symbols.test.ts checks every table against the JSON.
 */

/** Names by value (enumerations) or by bit number (bitfields). */
export type Names = Readonly<Record<number, string>>;

const INVERTER_ST: Names = {
  1: 'OFF',
  2: 'SLEEPING',
  3: 'STARTING',
  4: 'MPPT',
  5: 'THROTTLED',
  6: 'SHUTTING_DOWN',
  7: 'FAULT',
  8: 'STANDBY',
};
const INVERTER_EVT1: Names = {
  0: 'GROUND_FAULT',
  1: 'DC_OVER_VOLT',
  2: 'AC_DISCONNECT',
  3: 'DC_DISCONNECT',
  4: 'GRID_DISCONNECT',
  5: 'CABINET_OPEN',
  6: 'MANUAL_SHUTDOWN',
  7: 'OVER_TEMP',
  8: 'OVER_FREQUENCY',
  9: 'UNDER_FREQUENCY',
  10: 'AC_OVER_VOLT',
  11: 'AC_UNDER_VOLT',
  12: 'BLOWN_STRING_FUSE',
  13: 'UNDER_TEMP',
  14: 'MEMORY_LOSS',
  15: 'HW_TEST_FAILURE',
};
const DER_TYPE: Names = { 4: 'PV', 82: 'PV_STOR' };
const VAR_ACTION: Names = { 1: 'SWITCH', 2: 'MAINTAIN' };
const TOTAL_VA_CALC: Names = { 1: 'VECTOR', 2: 'ARITHMETIC' };
const CONNECTED_PHASE: Names = { 1: 'A', 2: 'B', 3: 'C' };
const CONNECTION_STATUS: Names = { 0: 'CONNECTED', 1: 'AVAILABLE', 2: 'OPERATING', 3: 'TEST' };
const ECP_CONNECTION: Names = { 0: 'DISCONNECTED', 1: 'CONNECTED' };
const SETTING_LIMITS: Names = {
  0: 'WMax',
  1: 'VAMax',
  2: 'VArAval',
  3: 'VArMaxQ1',
  4: 'VArMaxQ2',
  5: 'VArMaxQ3',
  6: 'VArMaxQ4',
  7: 'PFMinQ1',
  8: 'PFMinQ2',
  9: 'PFMinQ3',
  10: 'PFMinQ4',
};
const ACTIVE_CONTROLS: Names = {
  0: 'FixedW',
  1: 'FixedVAR',
  2: 'FixedPF',
  3: 'Volt-VAr',
  4: 'Freq-Watt-Param',
  5: 'Freq-Watt-Curve',
  6: 'Dyn-Reactive-Current',
  7: 'LVRT',
  8: 'HVRT',
  9: 'Watt-PF',
  10: 'Volt-Watt',
  12: 'Scheduled',
  13: 'LFRT',
  14: 'HFRT',
};
const RIDE_THROUGH: Names = {
  0: 'LVRT_ACTIVE',
  1: 'HVRT_ACTIVE',
  2: 'LFRT_ACTIVE',
  3: 'HFRT_ACTIVE',
};
const CONNECT: Names = { 0: 'DISCONNECT', 1: 'CONNECT' };
const ENABLED: Names = { 0: 'DISABLED', 1: 'ENABLED' };
const VAR_PCT_MODE: Names = { 0: 'NONE', 1: 'WMax', 2: 'VArMax', 3: 'VArAval' };
const STORAGE_CONTROL: Names = { 0: 'CHARGE', 1: 'DiSCHARGE' };
const CHARGE_STATUS: Names = {
  1: 'OFF',
  2: 'EMPTY',
  3: 'DISCHARGING',
  4: 'CHARGING',
  5: 'FULL',
  6: 'HOLDING',
  7: 'TESTING',
};
const CHARGE_SOURCE: Names = { 0: 'PV', 1: 'GRID' };
const METER_EVT_201: Names = {
  2: 'Power_Failure',
  3: 'Under_Voltage',
  4: 'Low_PF',
  5: 'Over_Current',
  6: 'Over_Voltage',
  7: 'Missing_Sensor',
  16: 'OEM01',
  17: 'OEM02',
  18: 'OEM03',
  19: 'OEM04',
  20: 'OEM05',
  21: 'OEM06',
  22: 'OEM07',
  23: 'OEM08',
  24: 'OEM09',
  25: 'OEM10',
  26: 'OEM11',
  27: 'OEM12',
  28: 'OEM13',
  29: 'OEM14',
  30: 'OEM15',
};
const METER_EVT: Names = {
  2: 'M_EVENT_Power_Failure',
  3: 'M_EVENT_Under_Voltage',
  4: 'M_EVENT_Low_PF',
  5: 'M_EVENT_Over_Current',
  6: 'M_EVENT_Over_Voltage',
  7: 'M_EVENT_Missing_Sensor',
  8: 'M_EVENT_Reserved1',
  9: 'M_EVENT_Reserved2',
  10: 'M_EVENT_Reserved3',
  11: 'M_EVENT_Reserved4',
  12: 'M_EVENT_Reserved5',
  13: 'M_EVENT_Reserved6',
  14: 'M_EVENT_Reserved7',
  15: 'M_EVENT_Reserved8',
  16: 'M_EVENT_OEM01',
  17: 'M_EVENT_OEM02',
  18: 'M_EVENT_OEM03',
  19: 'M_EVENT_OEM04',
  20: 'M_EVENT_OEM05',
  21: 'M_EVENT_OEM06',
  22: 'M_EVENT_OEM07',
  23: 'M_EVENT_OEM08',
  24: 'M_EVENT_OEM09',
  25: 'M_EVENT_OEM10',
  26: 'M_EVENT_OEM11',
  27: 'M_EVENT_OEM12',
  28: 'M_EVENT_OEM13',
  29: 'M_EVENT_OEM14',
  30: 'M_EVENT_OEM15',
};
const AC_TYPE: Names = { 0: 'SINGLE_PHASE', 1: 'SPLIT_PHASE', 2: 'THREE_PHASE' };
const ON_OFF: Names = { 0: 'OFF', 1: 'ON' };
const INVERTER_STATE_701: Names = {
  0: 'OFF',
  1: 'SLEEPING',
  2: 'STARTING',
  3: 'RUNNING',
  4: 'THROTTLED',
  5: 'SHUTTING_DOWN',
  6: 'FAULT',
  7: 'STANDBY',
};
// Model 701's alarms are model 101-103's Evt1 bits, plus bit 16.
const ALARMS_701: Names = { ...INVERTER_EVT1, 16: 'MANUFACTURER_ALRM' };
const DER_MODE: Names = { 0: 'GRID_FOLLOWING', 1: 'GRID_FORMING', 2: 'PV_CLIPPED' };
const THROTTLE_SOURCE: Names = {
  0: 'MAX_W',
  1: 'FIXED_W',
  2: 'FIXED_VAR',
  3: 'FIXED_PF',
  4: 'VOLT_VAR',
  5: 'FREQ_WATT',
  6: 'DYN_REACT_CURR',
  7: 'LVRT',
  8: 'HVRT',
  9: 'WATT_VAR',
  10: 'VOLT_WATT',
  11: 'SCHEDULED',
  12: 'LFRT',
  13: 'HFRT',
  14: 'DERATED',
};
const W_SET_MODE: Names = { 0: 'W_MAX_PCT', 1: 'WATTS' };
const VAR_SET_MODE: Names = {
  0: 'W_MAX_PCT',
  1: 'VAR_MAX_PCT',
  2: 'VAR_AVAIL_PCT',
  3: 'VA_MAX_PCT',
  4: 'VARS',
};
const VAR_SET_PRIORITY: Names = { 0: 'ACTIVE', 1: 'REACTIVE', 2: 'VENDOR' };
const RAMP_REFERENCE: Names = { 0: 'A_MAX', 1: 'W_MAX' };
const LOCAL_REMOTE: Names = { 0: 'REMOTE', 1: 'LOCAL' };
const BATTERY_TYPE: Names = {
  0: 'NOT APPLICABLE_UNKNOWN',
  1: 'LEAD_ACID',
  2: 'NICKEL_METAL_HYDRATE',
  3: 'NICKEL_CADMIUM',
  4: 'LITHIUM_ION',
  5: 'CARBON_ZINC',
  6: 'ZINC_CHLORIDE',
  7: 'ALKALINE',
  8: 'RECHARGEABLE_ALKALINE',
  9: 'SODIUM_SULFUR',
  10: 'FLOW',
  99: 'OTHER',
};
const BATTERY_STATE: Names = {
  1: 'DISCONNECTED',
  2: 'INITIALIZING',
  3: 'CONNECTED',
  4: 'STANDBY',
  5: 'SOC PROTECTION',
  6: 'SUSPENDING',
  99: 'FAULT',
};
const BATTERY_EVT1: Names = {
  0: 'COMMUNICATION_ERROR',
  1: 'OVER_TEMP_ALARM',
  2: 'OVER_TEMP_WARNING',
  3: 'UNDER_TEMP_ALARM',
  4: 'UNDER_TEMP_WARNING',
  5: 'OVER_CHARGE_CURRENT_ALARM',
  6: 'OVER_CHARGE_CURRENT_WARNING',
  7: 'OVER_DISCHARGE_CURRENT_ALARM',
  8: 'OVER_DISCHARGE_CURRENT_WARNING',
  9: 'OVER_VOLT_ALARM',
  10: 'OVER_VOLT_WARNING',
  11: 'UNDER_VOLT_ALARM',
  12: 'UNDER_VOLT_WARNING',
  13: 'UNDER_SOC_MIN_ALARM',
  14: 'UNDER_SOC_MIN_WARNING',
  15: 'OVER_SOC_MAX_ALARM',
  16: 'OVER_SOC_MAX_WARNING',
  17: 'VOLTAGE_IMBALANCE_WARNING',
  18: 'TEMPERATURE_IMBALANCE_ALARM',
  19: 'TEMPERATURE_IMBALANCE_WARNING',
  20: 'CONTACTOR_ERROR',
  21: 'FAN_ERROR',
  22: 'GROUND_FAULT',
  23: 'OPEN_DOOR_ERROR',
  24: 'CURRENT_IMBALANCE_WARNING',
  25: 'OTHER_ALARM',
  26: 'OTHER_WARNING',
  27: 'RESERVED_1',
  28: 'CONFIGURATION_ALARM',
  29: 'CONFIGURATION_WARNING',
};
const REQUESTED_INVERTER_STATE: Names = { 0: 'NO REQUEST', 1: 'START', 2: 'STOP' };
const SET_OPERATION: Names = { 1: 'CONNECT', 2: 'DISCONNECT' };
const SET_INVERTER_STATE: Names = {
  1: 'INVERTER_STOPPED',
  2: 'INVERTER_STANDBY',
  3: 'INVERTER_STARTED',
};

/** The tables by model id, then point name. */
export const SUNSPEC_SYMBOL_TABLES: Readonly<Record<number, Readonly<Record<string, Names>>>> = {
  101: { St: INVERTER_ST, Evt1: INVERTER_EVT1 },
  102: { St: INVERTER_ST, Evt1: INVERTER_EVT1 },
  103: { St: INVERTER_ST, Evt1: INVERTER_EVT1 },
  120: { DERTyp: DER_TYPE },
  121: { VArAct: VAR_ACTION, ClcTotVA: TOTAL_VA_CALC, ConnPh: CONNECTED_PHASE },
  122: {
    PVConn: CONNECTION_STATUS,
    StorConn: CONNECTION_STATUS,
    ECPConn: ECP_CONNECTION,
    StSetLimMsk: SETTING_LIMITS,
    StActCtl: ACTIVE_CONTROLS,
    RtSt: RIDE_THROUGH,
  },
  123: {
    Conn: CONNECT,
    WMaxLim_Ena: ENABLED,
    OutPFSet_Ena: ENABLED,
    VArPct_Mod: VAR_PCT_MODE,
    VArPct_Ena: ENABLED,
  },
  124: { StorCtl_Mod: STORAGE_CONTROL, ChaSt: CHARGE_STATUS, ChaGriSet: CHARGE_SOURCE },
  201: { Evt: METER_EVT_201 },
  202: { Evt: METER_EVT },
  203: { Evt: METER_EVT },
  204: { Evt: METER_EVT },
  701: {
    ACType: AC_TYPE,
    St: ON_OFF,
    InvSt: INVERTER_STATE_701,
    ConnSt: ECP_CONNECTION,
    Alrm: ALARMS_701,
    DERMode: DER_MODE,
    ThrotSrc: THROTTLE_SOURCE,
  },
  704: {
    PFWInjEna: ENABLED,
    PFWInjEnaRvrt: ENABLED,
    PFWAbsEna: ENABLED,
    PFWAbsEnaRvrt: ENABLED,
    WMaxLimPctEna: ENABLED,
    WMaxLimPctEnaRvrt: ENABLED,
    WSetEna: ENABLED,
    WSetMod: W_SET_MODE,
    WSetEnaRvrt: ENABLED,
    VarSetEna: ENABLED,
    VarSetMod: VAR_SET_MODE,
    VarSetPri: VAR_SET_PRIORITY,
    VarSetEnaRvrt: ENABLED,
    WRmpRef: RAMP_REFERENCE,
    AntiIslEna: ENABLED,
  },
  802: {
    ChaSt: CHARGE_STATUS,
    LocRemCtl: LOCAL_REMOTE,
    Typ: BATTERY_TYPE,
    State: BATTERY_STATE,
    Evt1: BATTERY_EVT1,
    ReqInvState: REQUESTED_INVERTER_STATE,
    SetOp: SET_OPERATION,
    SetInvState: SET_INVERTER_STATE,
  },
};

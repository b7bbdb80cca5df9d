/**
 * The faults a tester can inject into the simulated site, to see the EMS notice and react:
 * a meter or an inverter that stops answering Modbus, a BMS protection alarm, a silent BMS,
 * a BMS that withdraws its discharge permission (the enable flag drops, DCL stays), a meter
 * that keeps answering with one frozen reading.
 */

/** Faults a tester can inject. */
export const SIM_FAULTS = [
  'meterSilent',
  'inverterFrozen',
  'bmsAlarm',
  'bmsSilent',
  'bmsNoDischarge',
  /** The meter keeps answering, but with its last reading frozen (no refresh, counter stuck). */
  'meterStuck',
] as const;
/** An injectable fault: meter or inverter stop answering Modbus, the BMS raises an alarm, falls silent or forbids discharge. */
export type SimFault = (typeof SIM_FAULTS)[number];

/** The alarm the `bmsAlarm` fault raises. */
export const INJECTED_BMS_ALARM = 'CELL_OVER_VOLTAGE';

/**
 * The pure EMS core: state machine, control law, limits. No I/O, no timers, no clock of
 * its own: time is the `now` (ms) argument. The runtime calls createCoreState once, then
 * applyCommand for every operator command and step for every set of measurements.
 */
export { createCoreState, CORE_EVENT_KINDS, ZERO_OUTPUT_STATES } from './core-state';
export type { CoreEvent, CoreEventKind, CoreState, ExternalSetpoint } from './core-state';
export { applyCommand } from './state-machine';
export type { CommandOutcome } from './command-outcome';
export { step, readSoc } from './step';
export type { StepResult } from './step';
export {
  assessLinks,
  configuredLinks,
  freshView,
  isFresh,
  linkHealth,
  linksNotOk,
  timeoutFor,
} from './link-health';
export type { FreshView, LinkHealthMap } from './link-health';
export { CONTROL_LAWS } from './control-law';
export type { LawInputs, LawOutput } from './control-law';
export { computePowerBand, clampToBand } from './power-limits';
export type { PowerBand } from './power-limits';
export { limitSetpoint, rampAllowanceW, RAMP_DT_CAP_MS } from './setpoint';
export { updateSocGuard, describeSocGuard } from './soc-guard';
export type { SocGuard } from './soc-guard';
export { FAULT_LOG_LIMIT } from './fault-log';
export type { FaultLogEntry, FaultLogKind, MeasurementSnapshot, BmsSnapshot } from './fault-log';
export type { ActiveFault } from './faults';
export { stateForMode } from './transitions';
export { checkCoreInvariants } from './core-invariants';
export type { CoreConfig } from './core-config';
export { DEFAULT_CORE_CONFIG } from './core-config';
export type { Measurements, Sample, InverterReading, BmsReading } from './measurements';
export { NO_MEASUREMENTS } from './measurements';
export { setTestOutput, testSetpoint } from './test-output';
export type { TestOutput } from './test-output';

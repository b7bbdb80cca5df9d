import type { EmsState, LimitedBy, RunMode } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import type { FaultLogEntry } from './fault-log';
import type { ActiveFault } from './faults';
import type { LinkHealthMap } from './link-health';
import { ALL_CONNECTING } from './link-health';
import type { LinkPollMap } from './link-polls';
import { INITIAL_LINK_POLLS } from './link-polls';
import { finiteOr, nonNegative } from './safe-values';
import type { PowerBand } from './power-limits';
import { CLOSED_BAND } from './power-limits';
import type { SocGuard } from './soc-guard';
import type { MeterFreshness } from './meter-freshness';
import { INITIAL_METER_FRESHNESS } from './meter-freshness';
import { INITIAL_SOC_GUARD } from './soc-guard';

/** An external setpoint (inverter sign) and when it stops counting. */
export interface ExternalSetpoint {
  readonly watts: number;
  /** ms on the runtime's clock; from then on the output is 0 W. */
  readonly expiresAt: number;
  /** Who sent it, shown to the operator. */
  readonly source: string;
}

/**
 * A commissioning test output: a fixed power that a check asks of the inverter while the EMS
 * sits in STANDBY, mode IDLE (see test-output.ts).
 */
export interface TestOutput {
  /** Power of the controlled quantity, W (positive = discharge). */
  readonly watts: number;
  /**
   * True: the output jumps to `watts` at once (clamped), so the check sees the device's own
   * ramp; false: the site's ramp applies as in normal operation.
   */
  readonly bypassRamp: boolean;
}

/** Kinds of event the core reports. */
export const CORE_EVENT_KINDS = [
  'state',
  'mode',
  'link',
  'fault',
  'fault-cleared',
  'fault-acknowledged',
  'external-expired',
  'command-rejected',
  /** An operator setting changed (override power, grid target). */
  'setting',
  'soc-guard',
  'internal-error',
] as const;
/** A kind of core event. */
export type CoreEventKind = (typeof CORE_EVENT_KINDS)[number];

/** Something the operator or the log should know about, produced by a command or a step. */
export interface CoreEvent {
  readonly at: number;
  readonly kind: CoreEventKind;
  readonly message: string;
  /** Fault code, link id or command type the event concerns. */
  readonly code?: string;
}

/** The whole state of the core: plain, immutable data (every update makes a new object). */
export interface CoreState {
  readonly state: EmsState;
  readonly mode: RunMode;
  /** Mode asked for in STANDBY while a link was still connecting; entered once all are fresh. */
  readonly pendingMode: RunMode | null;
  /** Mode active when a comm-loss fault began; re-entered on recovery only with config.autoResume. */
  readonly resumeMode: RunMode | null;
  /** Operator power for CHARGE_ONLY / DISCHARGE_ONLY, W (magnitude). */
  readonly overrideW: number;
  /** Grid exchange the self-consumption law steers to, W (positive = import). */
  readonly gridTargetW: number;
  readonly external: ExternalSetpoint | null;
  /** Health of every link; 'bms' is informational when config.hasBms is false. */
  readonly links: LinkHealthMap;
  /** Poll counts behind the link health: the comm-loss budget and the recovery debounce. */
  readonly linkPolls: LinkPollMap;
  /** When link watching (re)started: the first step, or the last start command. Grace counts from here. */
  readonly watchSince: number | null;
  /** Time of the last step, for the ramp. */
  readonly lastStepAt: number | null;
  /** Setpoint of the last step (or 0 at once after stop / fault / leaving an active mode), W. */
  readonly setpointW: number;
  /** When the setpoint last changed, ms; null before it ever did. For the ramp's regular step. */
  readonly setpointMovedAt: number | null;
  readonly limitedBy: LimitedBy;
  /** The allowed band on the last step (shown to the operator even when the output is 0). */
  readonly band: PowerBand;
  readonly activeFaults: readonly ActiveFault[];
  readonly faultLog: readonly FaultLogEntry[];
  /** A BMS protection alarm was latched and waits for acknowledgeFault. */
  readonly needsAck: boolean;
  readonly socGuard: SocGuard;
  /** Whether the meter's sample is new, and since when its value is frozen. */
  readonly meter: MeterFreshness;
  /**
   * The law's target of the last new meter sample, for the mode it was computed in: held
   * (and ramped towards) until the meter delivers its next sample. Null when none.
   */
  readonly heldTarget: {
    readonly mode: RunMode;
    readonly targetW: number;
    /** PV behind the inverter when the target was computed, W; null when unknown. */
    readonly pvW: number | null;
  } | null;
  /** A commissioning check's output in STANDBY (see test-output.ts); absent or null: none. */
  readonly test?: TestOutput | null;
}

/** States in which the output is exactly 0 W. */
export const ZERO_OUTPUT_STATES: readonly EmsState[] = ['STOP', 'STANDBY', 'FAULT'];

/** The core after power-up: STOP, mode IDLE, 0 W, every link connecting. Never throws. */
export function createCoreState(config: CoreConfig): CoreState {
  const cfg: Partial<CoreConfig> = typeof config === 'object' && config !== null ? config : {};
  return {
    state: 'STOP',
    mode: 'IDLE',
    pendingMode: null,
    resumeMode: null,
    overrideW: nonNegative(cfg.defaultOverrideW),
    gridTargetW: finiteOr(cfg.gridTargetW, 0),
    external: null,
    links: ALL_CONNECTING,
    linkPolls: INITIAL_LINK_POLLS,
    watchSince: null,
    lastStepAt: null,
    setpointW: 0,
    setpointMovedAt: null,
    limitedBy: 'none',
    band: CLOSED_BAND,
    activeFaults: [],
    faultLog: [],
    needsAck: false,
    socGuard: INITIAL_SOC_GUARD,
    meter: INITIAL_METER_FRESHNESS,
    heldTarget: null,
  };
}

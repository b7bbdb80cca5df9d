import type { TimeSource } from '../../shared/clock';
import type { EnergyCounters } from '../../shared/energy';
import type { SiteIdentity } from '../../shared/snapshot';
import type { CoreConfig } from '../core/core-config';
import type { BmsPort, InverterPort, MeterPort } from './device-ports';
import type { FollowCheckOptions } from './follow-watch';

/** What the runtime needs to run one site. */
export interface EmsRuntimeOptions {
  readonly config: CoreConfig;
  /** Which site this is, carried in every snapshot. */
  readonly site: SiteIdentity;
  readonly pollIntervalMs: number;
  readonly meter: MeterPort;
  readonly inverter: InverterPort;
  readonly bms: BmsPort | null;
  /** The host's time: every reading and every wait of the loop goes through it. */
  readonly clock: TimeSource;
  /** Operator-facing log lines (stderr in the headless host). */
  readonly log: (line: string) => void;
  /** Standing configuration warnings shown with every snapshot (unverified device profiles). */
  readonly warnings?: readonly string[];
  /** Whether the inverter follows its setpoint; defaults from the inverter's ratings. */
  readonly followCheck?: FollowCheckOptions;
  /** Today's energy counters read back from the session store, so a restart keeps them. */
  readonly energyRestored?: { readonly day: string; readonly today: EnergyCounters } | null;
}

/** Timing of the last poll cycle, for status and benchmarks. */
export interface CycleStats {
  readonly cycles: number;
  readonly lastCycleMs: number;
  readonly lastRequests: number;
}

/** How {@link EmsRuntime.stopAtZero} ended. */
export interface ZeroStop {
  /** The inverter confirmed the 0 W write. */
  readonly confirmed: boolean;
  /** Why 0 W could not be confirmed; null when it was. */
  readonly reason: string | null;
}

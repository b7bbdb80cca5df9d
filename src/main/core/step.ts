import type { LimitedBy, LinkId } from '../../shared/ems-names';
import { LINK_IDS } from '../../shared/ems-names';
import { CONTROL_LAWS } from './control-law';
import type { CoreConfig } from './core-config';
import type { CoreEvent, CoreState } from './core-state';
import { ZERO_OUTPUT_STATES } from './core-state';
import type { FaultLogEntry } from './fault-log';
import { appendFaultLog, snapshotMeasurements } from './fault-log';
import { detectFaults, mergeFaults } from './faults';
import type { FreshView, LinkHealthMap } from './link-health';
import { assessLinks, freshView } from './link-health';
import type { Measurements } from './measurements';
import { controlledPowerW, NO_MEASUREMENTS } from './measurements';
import { finiteOr, finiteOrNull, isRecord } from './safe-values';
import { computePowerBand } from './power-limits';
import type { SetpointResult } from './setpoint';
import { limitSetpoint, rampAllowanceW } from './setpoint';
import type { SocGuard } from './soc-guard';
import { describeSocGuard, updateSocGuard } from './soc-guard';
import { supervise } from './supervise';
import type { MeterFreshness } from './meter-freshness';
import { meterStaleReason, updateMeterFreshness } from './meter-freshness';
import { testSetpoint } from './test-output';
import { describeError } from '../util/describe-error';

/** What one step returns. */
export interface StepResult {
  readonly state: CoreState;
  /** The setpoint to write to the inverter, W (positive = discharge). */
  readonly setpointW: number;
  readonly limitedBy: LimitedBy;
  readonly events: CoreEvent[];
}

/** A SOC reading in 0..100 %, else null: an impossible SOC is invalid, not trusted. */
function validSoc(value: unknown): number | null {
  const soc = finiteOrNull(value);
  return soc !== null && soc >= 0 && soc <= 100 ? soc : null;
}

/**
 * The SOC the guard uses: the BMS's when the site has one, else the inverter's; fresh and
 * within 0..100 % only (null = unknown, which closes the discharge direction).
 */
export function readSoc(fresh: FreshView, config: CoreConfig): number | null {
  if (config.hasBms === true) return fresh.bms === null ? null : validSoc(fresh.bms.socPct);
  return fresh.inverter === null ? null : validSoc(fresh.inverter.socPct);
}

function linkEvents(before: LinkHealthMap, after: LinkHealthMap, now: number): CoreEvent[] {
  return LINK_IDS.filter((id: LinkId) => before[id] !== after[id]).map((id) => ({
    at: now,
    kind: 'link' as const,
    code: id,
    message: `${id} link ${before[id]} -> ${after[id]}`,
  }));
}

function socEvents(before: SocGuard, after: SocGuard, now: number): CoreEvent[] {
  const changed =
    before.chargeBlocked !== after.chargeBlocked ||
    before.dischargeBlocked !== after.dischargeBlocked;
  return changed ? [{ at: now, kind: 'soc-guard', message: describeSocGuard(after) }] : [];
}

/** What every part of one step reads. */
interface StepContext {
  readonly m: Measurements;
  readonly now: number;
  readonly config: CoreConfig;
  readonly links: LinkHealthMap;
  readonly fresh: FreshView;
  /** The SOC in use this step (null = unknown). */
  readonly soc: number | null;
  /** Whether the meter's sample is new, and how long it has been frozen. */
  readonly meter: MeterFreshness;
  /** Events of this step, in order. */
  readonly events: CoreEvent[];
}

/** Fault detection for this step: new active list, fault/fault-cleared events, log entries. */
function updateFaults(
  prev: CoreState,
  ctx: StepContext,
): Pick<CoreState, 'activeFaults' | 'faultLog'> {
  const { now, events } = ctx;
  const changes = mergeFaults(
    prev.activeFaults,
    detectFaults(ctx.links, ctx.fresh, ctx.config, meterStaleReason(ctx.meter, now, ctx.config)),
    now,
  );
  if (changes.raised.length === 0 && changes.cleared.length === 0) {
    return { activeFaults: changes.active, faultLog: prev.faultLog };
  }
  const measurements = snapshotMeasurements(ctx.m, now, ctx.soc);
  const entries: FaultLogEntry[] = [];
  for (const f of changes.raised) {
    events.push({ at: now, kind: 'fault', code: f.code, message: f.message });
    entries.push({ at: now, code: f.code, kind: 'raised', message: f.message, measurements });
  }
  for (const f of changes.cleared) {
    const message = `${f.code} cleared`;
    events.push({ at: now, kind: 'fault-cleared', code: f.code, message });
    entries.push({ at: now, code: f.code, kind: 'cleared', message, measurements });
  }
  return { activeFaults: changes.active, faultLog: appendFaultLog(prev.faultLog, entries) };
}

/** What an active state outputs, and the law's target to hold until the next meter sample. */
interface ActiveOutput extends SetpointResult {
  readonly heldTarget: CoreState['heldTarget'];
}

/** Output of an active state: the mode's law, then ramp (from the last step's time) and band. */
function activeOutput(s: CoreState, ctx: StepContext, lastStepAt: number | null): ActiveOutput {
  const { fresh, config, now } = ctx;
  const held = s.heldTarget !== null && s.heldTarget.mode === s.mode ? s.heldTarget : null;
  const pvW = fresh.inverter === null ? null : finiteOrNull(fresh.inverter.pvW ?? null);
  const law = CONTROL_LAWS[s.mode]({
    gridW: fresh.gridW,
    gridIsNew: ctx.meter.newSample,
    heldTargetW: held?.targetW ?? null,
    pvW,
    heldPvW: held?.pvW ?? null,
    inverterW: fresh.inverter === null ? null : finiteOrNull(controlledPowerW(fresh.inverter)),
    gridTargetW: s.gridTargetW,
    deadbandW: finiteOr(config.deadbandW, 0),
    overrideW: s.overrideW,
    external: s.external,
    previousW: s.setpointW,
    now,
  });
  const allowance = rampAllowanceW(config.rampWPerS, lastStepAt, now, {
    stepMs: finiteOr(config.rampStepMs, 0),
    movedAt: s.setpointMovedAt,
  });
  return {
    ...limitSetpoint(law, s.setpointW, allowance, s.band),
    // Held as computed at the meter sample: between samples the law adds the PV change to it.
    heldTarget:
      held !== null && !ctx.meter.newSample ? held : { mode: s.mode, targetW: law.targetW, pvW },
  };
}

/** The output of the zero-output states and of an expiring external setpoint. */
const ZERO: SetpointResult = { setpointW: 0, limitedBy: 'none' };
const ZERO_HELD: ActiveOutput = { ...ZERO, heldTarget: null };

function stepUnsafe(
  prev: CoreState,
  mIn: Measurements,
  now: number,
  config: CoreConfig,
): StepResult {
  const events: CoreEvent[] = [];
  const m: Measurements = isRecord(mIn) ? mIn : NO_MEASUREMENTS;
  const watchSince = prev.watchSince ?? now;
  const { links, polls: linkPolls } = assessLinks(
    prev.links,
    m,
    now,
    config,
    watchSince,
    prev.linkPolls,
  );
  events.push(...linkEvents(prev.links, links, now));
  const fresh = freshView(m, now, config);
  const soc = readSoc(fresh, config);
  const meter = updateMeterFreshness(prev.meter, fresh.gridW, m, now);
  const ctx: StepContext = { m, now, config, links, fresh, soc, meter, events };
  const socGuard = updateSocGuard(prev.socGuard, soc, config);
  events.push(...socEvents(prev.socGuard, socGuard, now));
  const band = computePowerBand(fresh, socGuard, config);
  const next = {
    ...prev,
    ...updateFaults(prev, ctx),
    links,
    linkPolls,
    watchSince,
    socGuard,
    band,
    meter,
    lastStepAt: now,
  };
  const { state: s, externalExpired } = supervise(next, now, config, events);
  const zero = ZERO_OUTPUT_STATES.includes(s.state) || externalExpired;
  // A commissioning check's output in STANDBY, under the same band; otherwise the zero states give 0 W.
  const test = testSetpoint(s, config, prev.lastStepAt, now);
  const { setpointW, limitedBy, heldTarget } = test
    ? { ...test, heldTarget: null }
    : zero
      ? ZERO_HELD
      : activeOutput(s, ctx, prev.lastStepAt);
  const setpointMovedAt = setpointW !== prev.setpointW ? now : prev.setpointMovedAt;
  return {
    state: { ...s, setpointW, limitedBy, heldTarget, setpointMovedAt },
    setpointW,
    limitedBy,
    events,
  };
}

/** The answer when a step cannot run: 0 W, state otherwise kept, and why. */
function failSafe(state: CoreState, at: number, message: string): StepResult {
  const event: CoreEvent = { at, kind: 'internal-error', message: `${message}: output 0 W` };
  return { state: { ...state, ...ZERO }, ...ZERO, events: [event] };
}

/**
 * One control step at time `now` (ms): link health, faults, SOC guard, state supervision,
 * then the control law, ramp and limits. Pure and total: it never throws. If it cannot run
 * (a non-finite clock, or a defect) it answers 0 W with an 'internal-error' event.
 */
export function step(
  state: CoreState,
  m: Measurements,
  now: number,
  config: CoreConfig,
): StepResult {
  if (finiteOrNull(now) === null) return failSafe(state, 0, 'step called with a non-finite clock');
  try {
    return stepUnsafe(state, m, now, config);
  } catch (error) {
    return failSafe(state, now, `step failed: ${describeError(error)}`);
  }
}

import type { CoreEventKind } from '../../../src/main/core';
import type { DayScenario } from '../../../src/main/sim/scenarios';
import type { SiteFile } from '../../../src/main/site/site-schema';
import { DayRecorder, type DayFigures } from './metrics';
import { SAMPLE_MS } from './oracle';
import type { VirtualTime } from '../../../src/shared/virtual-time.test-kit';
import { nodeVirtualTime } from '../../../src/main/util/node-virtual-time.test-kit';
import type { DayWindow } from './window';
import { buildRig, type Rig, type RigOptions, type RigTiming } from './rig';

/**
 * One simulated day of the real EMS on virtual time (see control-quality-rig.ts): the
 * figures of the day, and proof that the loop kept its cadence, i.e. how many control
 * steps ran against how many the poll interval promises, and the longest gap between two.
 */

/** Options of {@link runControllerDay}. */
export interface ControllerDayOptions {
  readonly scenario: DayScenario;
  readonly window: DayWindow;
  readonly control?: Partial<SiteFile['control']>;
  readonly timing?: RigTiming;
  /** The inverter as a SunSpec device with a coupling and a profile (see {@link RigOptions}). */
  readonly sunspecInverter?: RigOptions['sunspecInverter'];
  /** Run the UI's service too (the soak does). */
  readonly withService?: boolean;
  /** Called at the end of every simulated hour (and at the end), with the hour's number. */
  readonly onHour?: (hour: number, rig: Rig, time: VirtualTime) => void;
}

/** How well the loop kept its cadence. */
export interface CadenceFigures {
  readonly pollIntervalMs: number;
  /** Control steps (poll-step-write cycles) that ran. */
  readonly steps: number;
  /** Steps the poll interval promises: one started at 0, P, 2P, ... before the end. */
  readonly expectedSteps: number;
  /** expectedSteps - steps, at least 0 (0 = none missed). */
  readonly missedSteps: number;
  /** Steps beyond expectedSteps: polls brought forward for a slow meter. */
  readonly extraSteps: number;
  /** Longest time between the ends of two consecutive steps, ms. */
  readonly maxGapMs: number;
  /** Longest poll-step-write cycle, ms (virtual: device round trips). */
  readonly maxCycleMs: number;
  /** Write transactions to the inverter per hour (each carries the setpoint and the heartbeat). */
  readonly inverterWritesPerHour: number;
}

/** The result of one controller day. */
export interface ControllerDay {
  readonly figures: DayFigures;
  readonly cadence: CadenceFigures;
  /** Core events by kind (a healthy day has a few link and soc-guard events and no faults). */
  readonly events: Partial<Record<CoreEventKind, number>>;
  /** State at the end of the day, before the safe stop. */
  readonly finalState: string;
  /** Whether the safe stop at the end confirmed 0 W. */
  readonly stopConfirmed: boolean;
  /** Real time the day took, s. */
  readonly wallSeconds: number;
}

/** Runs the EMS through the scenario's window on virtual time. */
export async function runControllerDay(options: ControllerDayOptions): Promise<ControllerDay> {
  const wallStart = performance.now();
  const { durationMs } = options.window;
  const time = nodeVirtualTime();
  let recorder: DayRecorder | null = null;
  const rig = await buildRig(time, {
    scenario: options.scenario,
    startTimeOfDayS: options.window.startTimeOfDayS,
    ...(options.control ? { control: options.control } : {}),
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.sunspecInverter ? { sunspecInverter: options.sunspecInverter } : {}),
    withService: options.withService === true,
    tick: { everyMs: SAMPLE_MS, onTick: (at) => recorder?.sample(at) },
  });
  recorder = new DayRecorder(rig.model, 0, rig.config.gridTargetW);
  const events: Partial<Record<CoreEventKind, number>> = {};
  rig.runtime.onEvent((e) => (events[e.kind] = (events[e.kind] ?? 0) + 1));
  let steps = 0;
  let lastStepAt: number | null = null;
  let maxGapMs = 0;
  let maxCycleMs = 0;
  rig.runtime.onSnapshot(() => {
    const stats = rig.runtime.cycleStats();
    if (stats.cycles === steps) return;
    steps = stats.cycles;
    const now = time.now();
    if (lastStepAt !== null) maxGapMs = Math.max(maxGapMs, now - lastStepAt);
    lastStepAt = now;
    maxCycleMs = Math.max(maxCycleMs, stats.lastCycleMs);
  });
  for (let hour = 1; hour * 3_600_000 <= durationMs; hour++) {
    await time.runUntil(hour * 3_600_000);
    options.onHour?.(hour, rig, time);
  }
  if (time.now() < durationMs) {
    await time.runUntil(durationMs);
    options.onHour?.(durationMs / 3_600_000, rig, time);
  }
  rig.catchUp();
  const figures = recorder.figures();
  const daySteps = steps;
  const dayWrites = rig.inverterWrites();
  const finalState = rig.runtime.snapshot().state;
  const stopping = rig.stop();
  await time.runUntil(time.now() + 5_000);
  const stopConfirmed = await stopping;
  // Cycles start at 0, P, 2P, ...; those started before the end have finished by then.
  const expectedSteps = Math.ceil(durationMs / rig.pollIntervalMs);
  return {
    figures,
    cadence: {
      pollIntervalMs: rig.pollIntervalMs,
      steps: daySteps,
      expectedSteps,
      // Polls brought forward for a slow meter (runtime/meter-cadence.ts) are extra, not
      // missed: a missed slot shows as a gap over the interval (maxGapMs).
      missedSteps: Math.max(0, expectedSteps - daySteps),
      extraSteps: Math.max(0, daySteps - expectedSteps),
      maxGapMs,
      maxCycleMs,
      inverterWritesPerHour: dayWrites / (durationMs / 3_600_000),
    },
    events,
    finalState,
    stopConfirmed,
    wallSeconds: (performance.now() - wallStart) / 1000,
  };
}

import type { CycleSample } from '../../runtime/cycle-sample';
import type { CheckContext } from './check-context';
import { CheckAborted } from './check-context';

/** Helpers the checks share: command a test power, wait for the device, average a window. */

/** Sets the test output; a refusal (the EMS left STANDBY meanwhile) aborts the run. */
export function command(ctx: CheckContext, watts: number | null, bypassRamp = true): void {
  const r = ctx.runtime.setTestOutput(watts === null ? null : { watts, bypassRamp });
  if (!r.ok) throw new CheckAborted(`the EMS refused the test output: ${r.reason}`);
}

/**
 * Commands `watts` and resolves with the cycle that stepped it (its time is the command
 * time: the write follows that cycle's step). Aborts when no cycle comes within 5 s.
 */
export async function commandAndMark(ctx: CheckContext, watts: number): Promise<CycleSample> {
  command(ctx, watts);
  const marked = await ctx.sampler.waitFor(() => true, 5000);
  if (marked === null) throw new CheckAborted('the control loop stopped cycling');
  return marked;
}

/**
 * Waits until the controlled power has stayed within `tolW` of `targetW` for `stableMs`;
 * resolves false when that did not happen within `timeoutMs`.
 */
export async function settleAt(
  ctx: CheckContext,
  targetW: number,
  tolW: number,
  stableMs: number,
  timeoutMs: number,
): Promise<boolean> {
  let since: number | null = null;
  const hit = await ctx.sampler.waitFor((s) => {
    const near = s.controlledW !== null && Math.abs(s.controlledW - targetW) <= tolW;
    if (!near) since = null;
    else since ??= s.at;
    return since !== null && s.at - since >= stableMs;
  }, timeoutMs);
  return hit !== null;
}

/** Mean of a field over the samples in [from, to]; null when none had a value. */
export function mean(
  samples: readonly CycleSample[],
  pick: (s: CycleSample) => number | null,
  from = -Infinity,
  to = Infinity,
): number | null {
  const values = samples
    .filter((s) => s.at >= from && s.at <= to)
    .map(pick)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Holds for `ms` and returns the mean of `pick` over that window. */
export async function averageFor(
  ctx: CheckContext,
  ms: number,
  pick: (s: CycleSample) => number | null,
): Promise<number | null> {
  const from = ctx.clock.now();
  await ctx.sampler.hold(ms);
  return mean(ctx.sampler.since(from), pick);
}

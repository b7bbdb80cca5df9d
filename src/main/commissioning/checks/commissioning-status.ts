import type { CheckId, CheckRunView, CommissioningStatusView } from '../../../shared/check-views';
import { CHECK_IDS } from '../../../shared/check-views';

/** What the status depends on besides the runs. */
export interface StatusContext {
  readonly hasBms: boolean;
  /** When the meter's sign was changed and meterSign has not passed since (wall ms); null when not. */
  readonly signChangedAt: number | null;
}

/**
 * Whether the site counts as commissioned: the latest run of every check it needs passed,
 * or warned where a warn is a remark rather than a failure (a device that reverts to its
 * own dispatch, a small SOC mismatch). bmsLink is needed only with a BMS. After a change of
 * the meter's sign, meterSign must pass again before the site counts as commissioned.
 */
export function commissioningStatus(
  runs: readonly CheckRunView[],
  ctx: StatusContext,
): CommissioningStatusView {
  const needed = CHECK_IDS.filter((id) => id !== 'bmsLink' || ctx.hasBms);
  const latest = new Map<CheckId, CheckRunView>();
  for (const r of runs) if (r.status !== 'running') latest.set(r.check, r);
  const passed: CheckId[] = [];
  const missing: { check: CheckId; why: string }[] = [];
  for (const id of needed) {
    const run = latest.get(id);
    // A pending sign change is the reason that matters, whatever ran before it (the run that
    // proposed the fix failed; after a restart nothing has run).
    const signPending =
      id === 'meterSign' &&
      ctx.signChangedAt !== null &&
      (run === undefined || run.startedAt <= ctx.signChangedAt);
    if (signPending)
      missing.push({
        check: id,
        why: "the meter's sign was changed: activate the site again and run meterSign",
      });
    else if (run === undefined) missing.push({ check: id, why: 'not run yet' });
    else if (run.status !== 'pass' && run.status !== 'warn')
      missing.push({ check: id, why: `latest run ${run.status}` });
    else passed.push(id);
  }
  return { commissioned: missing.length === 0, passed, missing };
}

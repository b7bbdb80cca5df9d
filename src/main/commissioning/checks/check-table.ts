import type { CheckFn, PerCheck } from './check-context';
import { bmsLinkCheck } from './bms-link-check';
import { commLossCheck } from './comm-loss-check';
import { inverterStepCheck } from './inverter-step-check';
import { meterSignCheck } from './meter-sign-check';
import { watchdogCheck } from './watchdog-check';

/** Every check by id: the runner looks a requested check up here. */
export const CHECKS: PerCheck<CheckFn> = {
  meterSign: meterSignCheck,
  inverterStep: inverterStepCheck,
  watchdog: watchdogCheck,
  bmsLink: bmsLinkCheck,
  commLoss: commLossCheck,
};

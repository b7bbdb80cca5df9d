import { describe, expect, it } from 'vitest';
import type { RunMode } from '../../../shared/ems-names';
import { planApply, type PlanInput } from './override-plan';

const ratings = { maxChargeW: 5000, maxDischargeW: 4000 };
const input = (
  powerText: string,
  selectedMode: RunMode,
  mode: RunMode = 'SELF_CONSUMPTION',
): PlanInput => ({
  powerText,
  selectedMode,
  snapshot: { mode, ratings },
});

describe('planApply', () => {
  it('asks to confirm an override mode with its power, sent as one setMode', () => {
    expect(planApply(input('2000', 'CHARGE_ONLY'))).toEqual({
      kind: 'confirm',
      label: 'Charge at 2.00\u00a0kW',
      mode: 'CHARGE_ONLY',
      watts: 2000,
      commands: [{ type: 'setMode', mode: 'CHARGE_ONLY', watts: 2000 }],
    });
  });

  it('asks again for a new power of the override that already runs', () => {
    const plan = planApply(input('1500', 'DISCHARGE_ONLY', 'DISCHARGE_ONLY'));
    expect(plan).toMatchObject({
      kind: 'confirm',
      label: 'Discharge at 1.50\u00a0kW',
      commands: [{ type: 'setMode', mode: 'DISCHARGE_ONLY', watts: 1500 }],
    });
  });

  it('sends a non-override mode at once, whatever the power box holds', () => {
    expect(planApply(input('nonsense', 'IDLE'))).toEqual({
      kind: 'send',
      label: 'Mode Idle (0\u00a0W)',
      commands: [{ type: 'setMode', mode: 'IDLE' }],
    });
  });

  it.each(['', 'x', '-3', '2kW', '6000'])('sends nothing for %j', (text) => {
    expect(planApply(input(text, 'CHARGE_ONLY')).kind).toBe('invalid');
  });

  it('checks the power against the rating of the chosen direction', () => {
    expect(planApply(input('4500', 'CHARGE_ONLY')).kind).toBe('confirm');
    expect(planApply(input('4500', 'DISCHARGE_ONLY')).kind).toBe('invalid');
  });
});

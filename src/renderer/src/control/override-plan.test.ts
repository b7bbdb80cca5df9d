import { describe, expect, it } from 'vitest';
import type { RunMode } from '../../../shared/ems-names';
import { planModeChange, planOverride, type PlanInput } from './override-plan';

const ratings = { maxChargeW: 5000, maxDischargeW: 5000 };
const input = (
  powerText: string,
  selectedMode: RunMode,
  mode: RunMode = 'SELF_CONSUMPTION',
): PlanInput => ({
  powerText,
  selectedMode,
  snapshot: { mode, ratings },
});

describe('planOverride', () => {
  it('asks to confirm power and mode when an override mode is chosen', () => {
    expect(planOverride(input('2000', 'CHARGE_ONLY'))).toEqual({
      kind: 'confirm',
      label: 'Charge at 2.00 kW',
      mode: 'CHARGE_ONLY',
      watts: 2000,
      commands: [
        { type: 'setOverridePower', watts: 2000 },
        { type: 'setMode', mode: 'CHARGE_ONLY' },
      ],
    });
  });

  it('asks to confirm only the power when that override already runs', () => {
    const plan = planOverride(input('1500', 'DISCHARGE_ONLY', 'DISCHARGE_ONLY'));
    expect(plan.kind).toBe('confirm');
    if (plan.kind === 'confirm')
      expect(plan.commands).toEqual([{ type: 'setOverridePower', watts: 1500 }]);
  });

  it('keeps a running override when the menu shows a non-override mode', () => {
    const plan = planOverride(input('1500', 'SELF_CONSUMPTION', 'CHARGE_ONLY'));
    expect(plan.kind === 'confirm' && plan.mode).toBe('CHARGE_ONLY');
  });

  it('only stores the power, without asking, when no override is chosen or running', () => {
    expect(planOverride(input('800', 'SELF_CONSUMPTION'))).toEqual({
      kind: 'send',
      label: 'Store override power 800 W',
      commands: [{ type: 'setOverridePower', watts: 800 }],
    });
  });

  it.each(['', 'x', '-3', '6000'])('sends nothing for %j', (text) => {
    expect(planOverride(input(text, 'CHARGE_ONLY')).kind).toBe('invalid');
    expect(planOverride(input(text, 'IDLE')).kind).toBe('invalid');
  });
});

describe('planModeChange', () => {
  it('sends a non-override mode at once', () => {
    expect(planModeChange(input('nonsense', 'IDLE'))).toEqual({
      kind: 'send',
      label: 'Mode Idle (0 W)',
      commands: [{ type: 'setMode', mode: 'IDLE' }],
    });
  });

  it('checks the power and asks to confirm for an override mode', () => {
    expect(planModeChange(input('abc', 'DISCHARGE_ONLY')).kind).toBe('invalid');
    const plan = planModeChange(input('3000', 'DISCHARGE_ONLY'));
    expect(plan.kind).toBe('confirm');
    if (plan.kind === 'confirm') expect(plan.label).toBe('Discharge at 3.00 kW');
  });
});

import { describe, expect, it } from 'vitest';
import type { CheckId, CheckRunView, CheckStatus } from '../../../shared/check-views';
import { commissioningStatus } from './commissioning-status';

const run = (check: CheckId, status: CheckStatus, startedAt = 100): CheckRunView => ({
  runId: `${check}-${startedAt}`,
  check,
  status,
  measured: {},
  message: '',
  startedAt,
  finishedAt: startedAt + 1,
  progress: '',
  chart: { t: [], series: [] },
  proposedFix: null,
});

const allPassed = [
  run('meterSign', 'pass'),
  run('inverterStep', 'pass'),
  run('watchdog', 'warn'),
  run('bmsLink', 'pass'),
  run('commLoss', 'pass'),
];

describe('commissioning status', () => {
  it('is commissioned when the latest run of every needed check passed or warned', () => {
    expect(commissioningStatus(allPassed, { hasBms: true, signChangedAt: null })).toEqual({
      commissioned: true,
      passed: ['meterSign', 'inverterStep', 'watchdog', 'bmsLink', 'commLoss'],
      missing: [],
    });
  });

  it('counts the latest run: a later failure undoes an earlier pass', () => {
    const s = commissioningStatus([...allPassed, run('commLoss', 'fail', 200)], {
      hasBms: true,
      signChangedAt: null,
    });
    expect(s.commissioned).toBe(false);
    expect(s.missing).toEqual([{ check: 'commLoss', why: 'latest run fail' }]);
  });

  it('needs bmsLink only with a BMS, and lists checks never run', () => {
    const s = commissioningStatus([run('meterSign', 'pass')], {
      hasBms: false,
      signChangedAt: null,
    });
    expect(s.missing.map((m) => m.check)).toEqual(['inverterStep', 'watchdog', 'commLoss']);
  });

  it('after a meter sign change, meterSign must pass again', () => {
    const changed = commissioningStatus(allPassed, { hasBms: true, signChangedAt: 150 });
    expect(changed.commissioned).toBe(false);
    expect(changed.missing[0]?.why).toMatch(/sign was changed/);
    const again = commissioningStatus([...allPassed, run('meterSign', 'pass', 300)], {
      hasBms: true,
      signChangedAt: 150,
    });
    expect(again.commissioned).toBe(true);
  });

  it('a pending sign change is the reason, over the failed run that proposed it or no run at all', () => {
    const failed = commissioningStatus([...allPassed, run('meterSign', 'fail', 140)], {
      hasBms: true,
      signChangedAt: 150,
    });
    expect(failed.missing).toEqual([
      {
        check: 'meterSign',
        why: "the meter's sign was changed: activate the site again and run meterSign",
      },
    ]);
    const restarted = commissioningStatus([], { hasBms: false, signChangedAt: 150 });
    expect(restarted.missing[0]?.why).toMatch(/sign was changed/);
  });
});

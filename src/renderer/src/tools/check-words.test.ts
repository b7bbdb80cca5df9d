import { describe, expect, it } from 'vitest';
import { figureLabel, figureText, latestRuns, statusTone } from './check-words';
import type { CheckRunView } from '../../../shared/check-views';

describe('check words', () => {
  it('split a figure name into words and its unit', () => {
    expect(figureLabel('rampWPerS')).toEqual({ label: 'ramp', unit: 'W/s' });
    expect(figureLabel('delayS')).toEqual({ label: 'delay', unit: 's' });
    expect(figureLabel('steadyErrorW')).toEqual({ label: 'steady error', unit: 'W' });
    expect(figureLabel('socDiffPct')).toEqual({ label: 'soc diff', unit: '%' });
    expect(figureLabel('revertKind')).toEqual({ label: 'revert kind', unit: '' });
  });

  it('show numbers with units and missing figures as a dash', () => {
    expect(figureText('revertS', 30.25)).toBe('30.25 s');
    expect(figureText('revertedToW', null)).toBe('\u2014');
    expect(figureText('revertKind', 'own')).toBe('own');
  });

  it('tone: pass good, warn warn, fail and aborted bad', () => {
    expect(statusTone('pass')).toBe('good');
    expect(statusTone('warn')).toBe('warn');
    expect(statusTone('aborted')).toBe('bad');
    expect(statusTone('never')).toBe('unknown');
  });

  it('keep the newest run of each check', () => {
    const run = (runId: string, check: CheckRunView['check']): CheckRunView => ({
      runId,
      check,
      status: 'pass',
      measured: {},
      message: '',
      startedAt: 0,
      finishedAt: 1,
      progress: '',
      chart: { t: [], series: [] },
      proposedFix: null,
    });
    const latest = latestRuns([
      run('r1', 'watchdog'),
      run('r2', 'meterSign'),
      run('r3', 'watchdog'),
    ]);
    expect(latest.watchdog?.runId).toBe('r3');
    expect(latest.meterSign?.runId).toBe('r2');
  });
});

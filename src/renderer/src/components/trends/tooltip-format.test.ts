import { describe, expect, it } from 'vitest';
import { seriesValueText, tooltipText } from './tooltip-format';

describe('trend tooltip text', () => {
  it('gives power in kW with the direction of each series', () => {
    expect(tooltipText(1200, 'Grid (+ import)')).toBe('importing 1.20\u00a0kW');
    expect(tooltipText(-850, 'Battery (+ discharge)')).toBe('charging 0.85\u00a0kW');
    expect(tooltipText(-2000, 'Setpoint')).toBe('charge 2.00\u00a0kW');
    expect(tooltipText(3150, 'PV')).toBe('producing 3.15\u00a0kW');
    expect(tooltipText(640, 'House load')).toBe('consuming 0.64\u00a0kW');
    expect(tooltipText(55.25, 'SOC %')).toBe('55.3\u00a0%');
  });

  it('shows a bucket range from its low to its high end, in words', () => {
    expect(tooltipText([-400, 200], 'Grid (+ import) min-max')).toBe(
      'exporting 0.40\u00a0kW to importing 0.20\u00a0kW',
    );
    expect(tooltipText([300, 300], 'PV min-max')).toBe('producing 0.30\u00a0kW');
  });

  it('never shows a bare NaN', () => {
    expect(seriesValueText('gridW', Number.NaN)).toBe('\u2014');
  });
});

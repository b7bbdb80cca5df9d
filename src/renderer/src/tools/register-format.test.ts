import { describe, expect, it } from 'vitest';
import { connectionSummary, formatReading } from './register-format';

describe('formatReading', () => {
  it('prints integers exactly and floats compactly', () => {
    expect(formatReading(65535)).toBe('65535');
    expect(formatReading(-2)).toBe('-2');
    expect(formatReading(0.10000000149)).toBe('0.1');
    expect(formatReading(2.5e-7)).toBe('2.5000e-7');
    expect(formatReading(-5.827022081607631e26)).toBe('-5.8270e+26');
    expect(formatReading(null)).toBe('\u2014');
  });
});

describe('connectionSummary', () => {
  it('gives RTT min/median/max and exceptions', () => {
    const s = connectionSummary({
      device: 'meter',
      reads: 10,
      ok: 9,
      samplesMs: [],
      roundTripMs: { min: 1.04, median: 2, max: 9.5 },
      exceptions: [{ code: 2, text: 'illegal data address', count: 1 }],
      failures: [],
    });
    expect(s).toBe(
      '9/10 reads answered; RTT min 1.0 ms / median 2.0 ms / max 9.5 ms; exceptions: illegal data address (code 2) \u00d71',
    );
  });
  it('says when nothing answered', () => {
    const s = connectionSummary({
      device: 'inverter',
      reads: 2,
      ok: 0,
      samplesMs: [],
      roundTripMs: null,
      exceptions: [],
      failures: ['timeout', 'timeout'],
    });
    expect(s).toContain('no reply at all');
    expect(s).toContain('2 without reply: timeout');
  });
});

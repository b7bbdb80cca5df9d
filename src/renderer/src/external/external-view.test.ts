import { describe, expect, it } from 'vitest';
import { externalView, formatRemaining, WAITING_TEXT } from './external-view';

const expiredEvent = {
  time: '2026-11-29T10:00:10.000Z',
  kind: 'external-expired',
  message: 'external setpoint expired: output 0 W',
};

describe('externalView', () => {
  it('is hidden outside mode EXTERNAL when no setpoint is held', () => {
    expect(externalView({ mode: 'SELF_CONSUMPTION', external: null }, [expiredEvent])).toBeNull();
  });

  it('shows source, command in words and the remaining time', () => {
    const v = externalView(
      { mode: 'EXTERNAL', external: { watts: -1500, remainingS: 7.2, source: 'rest' } },
      [expiredEvent],
    );
    expect(v).toMatchObject({
      command: 'charge 1.50\u00a0kW',
      watts: -1500,
      source: 'rest',
      remainingS: 8,
      waiting: false,
      expired: null,
    });
  });

  it('waits at 0 W in EXTERNAL without a setpoint and explains a past expiry', () => {
    const other = { time: '2026-11-29T10:00:11.000Z', kind: 'mode', message: 'x' };
    const v = externalView({ mode: 'EXTERNAL', external: null }, [expiredEvent, other]);
    expect(v?.command).toBe(WAITING_TEXT);
    expect(v?.watts).toBe(0);
    expect(v?.waiting).toBe(true);
    expect(v?.expired).toBe(expiredEvent);
  });

  it('has no expiry notice when none happened', () => {
    expect(externalView({ mode: 'EXTERNAL', external: null }, [])?.expired).toBeNull();
  });
});

describe('formatRemaining', () => {
  it('rounds up and switches to minutes', () => {
    expect(formatRemaining(0.1)).toBe('1 s');
    expect(formatRemaining(-3)).toBe('0 s');
    expect(formatRemaining(125)).toBe('2 min 05 s');
  });
});

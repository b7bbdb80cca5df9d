import { describe, expect, it } from 'vitest';
import { formatDuration, recordingWords, sessionRowText } from './session-words';

const base = { id: 1, siteName: 'demo', startedAt: Date.UTC(2026, 10, 29, 9, 0, 0) };

describe('sessionRowText', () => {
  it('shows a closed session with its duration', () => {
    const r = sessionRowText(
      { ...base, endedAt: base.startedAt + 3_725_000, endedUnexpectedly: false },
      0,
    );
    expect(r.duration).toBe('1 h 02 min');
    expect(r.flag).toBeNull();
  });
  it('flags a session the process never closed', () => {
    const r = sessionRowText({ ...base, endedAt: null, endedUnexpectedly: true }, 0);
    expect(r).toMatchObject({ ended: 'unknown', flag: 'ended unexpectedly', duration: '' });
  });
  it('measures a running session against now', () => {
    const r = sessionRowText(
      { ...base, endedAt: null, endedUnexpectedly: false },
      base.startedAt + 65_000,
    );
    expect(r).toMatchObject({ ended: 'running', duration: '1 min 05 s so far' });
  });
});

describe('formatDuration and recordingWords', () => {
  it('formats', () => {
    expect(formatDuration(12_400)).toBe('12 s');
    expect(
      recordingWords({ available: false, reason: 'better-sqlite3 did not load', path: '/x' }),
    ).toBe('Recording unavailable: better-sqlite3 did not load');
    expect(recordingWords({ available: true, reason: null, path: '/x/db' })).toBe(
      'Recording to /x/db',
    );
  });
});

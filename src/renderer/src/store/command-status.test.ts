import { describe, expect, it } from 'vitest';
import { describeStatus, statusFromResults } from './command-status';

describe('statusFromResults', () => {
  it('is accepted when every result is ok, carrying a pending reason', () => {
    expect(statusFromResults('Start', [{ ok: true }])).toEqual({
      phase: 'accepted',
      label: 'Start',
      pending: null,
    });
    expect(
      statusFromResults('Mode', [{ ok: true }, { ok: true, pending: 'waiting for links: meter' }]),
    ).toEqual({
      phase: 'accepted',
      label: 'Mode',
      pending: 'waiting for links: meter',
    });
  });

  it('is rejected with the first reason', () => {
    expect(
      statusFromResults('Charge', [
        { ok: true },
        { ok: false, reason: 'stopped: start first' },
        { ok: false, reason: 'x' },
      ]),
    ).toEqual({ phase: 'rejected', label: 'Charge', reason: 'stopped: start first' });
  });
});

describe('describeStatus', () => {
  it('words every phase', () => {
    expect(describeStatus({ phase: 'idle' })).toBe('');
    expect(describeStatus({ phase: 'sending', label: 'Stop' })).toBe('Stop: sending\u2026');
    expect(describeStatus({ phase: 'accepted', label: 'Stop', pending: null })).toBe(
      'Stop: accepted',
    );
    expect(
      describeStatus({ phase: 'accepted', label: 'Mode', pending: 'waiting for links: bms' }),
    ).toBe('Mode: accepted, pending (waiting for links: bms)');
    expect(describeStatus({ phase: 'rejected', label: 'Start', reason: 'already running' })).toBe(
      'Start: rejected: already running',
    );
  });
});

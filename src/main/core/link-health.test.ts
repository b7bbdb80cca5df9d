import { describe, expect, test } from 'vitest';
import { site, TEST_CONFIG } from './core.test-kit';
import type { Measurements } from './measurements';
import { assessLinks, freshView, isFresh, linkHealth } from './link-health';

describe('link health', () => {
  test.each([
    ['connecting', true, 0, 'ok'],
    ['connecting', false, 4000, 'connecting'],
    ['connecting', false, 6000, 'lost'],
    ['ok', false, 100, 'lost'],
    ['lost', false, 100, 'lost'],
    ['lost', true, 100, 'ok'],
  ] as const)('%s, fresh %s, %i ms after start -> %s', (prev, fresh, now, expected) => {
    expect(linkHealth(prev, fresh, now, 0, 5000)).toBe(expected);
  });

  test('a sample is fresh while now - at <= timeout', () => {
    expect(isFresh('meter', site(0), 1000, TEST_CONFIG)).toBe(true);
    expect(isFresh('meter', site(0), 1001, TEST_CONFIG)).toBe(false);
    expect(isFresh('bms', site(0), 3000, TEST_CONFIG)).toBe(true);
  });

  test('malformed or non-finite samples are not fresh and never reach the law', () => {
    const bad = {
      grid: { value: Number.NaN, at: 0 },
      inverter: { value: { activePowerW: 'x' }, at: 0 },
      bms: { value: null, at: 0 },
    } as unknown as Measurements;
    expect(freshView(bad, 0, TEST_CONFIG)).toEqual({ gridW: null, inverter: null, bms: null });
    const ok = { meter: 'ok', inverter: 'ok', bms: 'ok' } as const;
    // Malformed is a failed poll: the polled links ride out the budget, the pushed BMS does not.
    const cfg = { ...TEST_CONFIG, commLossPolls: 3 };
    const first = assessLinks(ok, bad, 0, cfg, 0);
    expect(first.links).toEqual({ meter: 'ok', inverter: 'ok', bms: 'lost' });
    const second = assessLinks(first.links, bad, 0, cfg, 0, first.polls);
    const third = assessLinks(second.links, bad, 0, cfg, 0, second.polls);
    expect(third.links).toEqual({ meter: 'lost', inverter: 'lost', bms: 'lost' });
  });

  test('stale values are dropped from the fresh view', () => {
    const view = freshView(site(0, { gridW: 900 }), 2000, TEST_CONFIG);
    expect(view.gridW).toBeNull();
    expect(view.bms?.socPct).toBe(50);
  });

  test('a BMS on a site without one is informational: never lost', () => {
    const cfg = { ...TEST_CONFIG, hasBms: false };
    const links = assessLinks(
      { meter: 'ok', inverter: 'ok', bms: 'ok' },
      site(0, { bms: null }),
      60_000,
      cfg,
      0,
    );
    expect(links.links.bms).toBe('connecting');
    expect(freshView(site(0), 0, cfg).bms).toBeNull();
  });
});

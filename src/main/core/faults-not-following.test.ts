import { describe, expect, test } from 'vitest';
import { DEFAULT_CORE_CONFIG } from './core-config';
import { detectFaults } from './faults';
import type { FreshView } from './link-health';

const OK_LINKS = { meter: 'ok', inverter: 'ok', bms: 'ok' } as const;
const config = { ...DEFAULT_CORE_CONFIG, hasBms: false };
const view = (notFollowing: unknown): FreshView => ({
  gridW: 0,
  inverter: { activePowerW: 0, socPct: 50, notFollowing } as FreshView['inverter'],
  bms: null,
});

describe('INVERTER_NOT_FOLLOWING', () => {
  test('a fresh inverter reading that says it does not follow is a fault with its reason', () => {
    expect(detectFaults(OK_LINKS, view('Inverter not following: x'), config)).toEqual([
      { code: 'INVERTER_NOT_FOLLOWING', message: 'Inverter not following: x' },
    ]);
  });

  test('null, empty, a non-string or no inverter reading is not', () => {
    for (const v of [null, undefined, '', 42])
      expect(detectFaults(OK_LINKS, view(v), config)).toEqual([]);
    expect(detectFaults(OK_LINKS, { gridW: 0, inverter: null, bms: null }, config)).toEqual([]);
  });
});

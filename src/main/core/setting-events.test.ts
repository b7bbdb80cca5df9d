import { describe, expect, it } from 'vitest';
import { applyCommand, createCoreState } from '.';
import { DEFAULT_CORE_CONFIG } from './core-config';

describe('setting changes', () => {
  it('log every accepted change as a setting event, and nothing for a refused one', () => {
    const s = createCoreState(DEFAULT_CORE_CONFIG);
    const target = applyCommand(s, { type: 'setGridTarget', watts: -300 }, 5, DEFAULT_CORE_CONFIG);
    expect(target.events).toEqual([
      {
        at: 5,
        kind: 'setting',
        code: 'setGridTarget',
        message: 'grid target 0 W -> -300 W (+ import)',
      },
    ]);
    const power = applyCommand(
      target.state,
      { type: 'setOverridePower', watts: 1500 },
      6,
      DEFAULT_CORE_CONFIG,
    );
    expect(power.events).toMatchObject([{ kind: 'setting', code: 'setOverridePower' }]);
    expect(power.events[0]?.message).toContain('1500 W');
    const refused = applyCommand(
      s,
      { type: 'setGridTarget', watts: Number.NaN },
      7,
      DEFAULT_CORE_CONFIG,
    );
    expect(refused.events.map((e) => e.kind)).toEqual(['command-rejected']);
  });
});

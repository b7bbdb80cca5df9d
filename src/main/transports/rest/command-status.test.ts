import { describe, expect, it } from 'vitest';
import type { EmsCommand } from '../../../shared/commands';
import { applyCommand, type CoreState } from '../../core';
import { TEST_CONFIG } from '../../core/core.test-kit';
import { stateFixtures } from '../../core/state-fixtures.test-kit';
import { REJECTION_RULES, rejectionMessage, rejectionStatus } from './command-status';

/**
 * The 400-vs-409 mapping against the real core: every refusal below is produced by
 * applyCommand, so a reason reworded in the core breaks this test rather than silently
 * turning a 400 into a 409 for integrators.
 */

const T = 10_000;
const states = stateFixtures(T);
const at = (name: string): CoreState => {
  const make = states[name];
  if (!make) throw new Error(`no fixture ${name}`);
  return make();
};

function reasonOf(state: CoreState, command: unknown): string {
  const r = applyCommand(state, command as EmsCommand, T + 500, TEST_CONFIG);
  if (r.result.ok) throw new Error(`expected a refusal of ${JSON.stringify(command)}`);
  return r.result.reason;
}

const ext = (fields: Record<string, unknown>): unknown => ({
  type: 'setExternalSetpoint',
  ...fields,
});

describe('refusals that are the input’s fault are 400, naming the field', () => {
  it.each([
    ['discharge above the rating', ext({ watts: 6000 }), 'watts'],
    ['charge above the rating', ext({ watts: -6000 }), 'watts'],
    ['1e308 W', ext({ watts: 1e308 }), 'watts'],
    ['NaN W (a transport that skipped the schema)', ext({ watts: Number.NaN }), 'watts'],
    ['a ttl above 300 s', ext({ watts: 100, ttlSeconds: 301 }), 'ttlSeconds'],
    ['a zero ttl', ext({ watts: 100, ttlSeconds: 0 }), 'ttlSeconds'],
    [
      'setMode CHARGE_ONLY above the rating',
      { type: 'setMode', mode: 'CHARGE_ONLY', watts: 6000 },
      'watts',
    ],
    [
      'setMode with a power for SELF_CONSUMPTION',
      { type: 'setMode', mode: 'SELF_CONSUMPTION', watts: 100 },
      'watts',
    ],
    ['a source of 65 characters', ext({ watts: 100, source: 'x'.repeat(65) }), 'source'],
    ['an unknown mode', { type: 'setMode', mode: 'TURBO' }, 'mode'],
    ['override power above the rating', { type: 'setOverridePower', watts: 9000 }, 'watts'],
    ['negative override power', { type: 'setOverridePower', watts: -1 }, 'watts'],
    ['an unknown command', { type: 'launch' }, '(body)'],
  ])('%s', (_name, command, field) => {
    const reason = reasonOf(at('EXTERNAL_CONTROL'), command);
    expect(rejectionStatus(reason)).toEqual({ status: 400, field });
    expect(rejectionMessage(reason)).toBe(`${field}: ${reason}`);
  });
});

describe('refusals that are the EMS state’s are 409 with the core’s reason', () => {
  it.each([
    [
      'an external setpoint outside EXTERNAL',
      'SELF_CONSUMPTION',
      ext({ watts: 100 }),
      /^mode is SELF_CONSUMPTION: external setpoints are accepted only in mode EXTERNAL$/,
    ],
    ['start while running', 'SELF_CONSUMPTION', { type: 'start' }, /^already running/],
    [
      'a mode while stopped',
      'STOP',
      { type: 'setMode', mode: 'EXTERNAL' },
      /^stopped: start first$/,
    ],
    ['a mode in FAULT', 'FAULT (comm loss)', { type: 'setMode', mode: 'EXTERNAL' }, /^in FAULT/],
    [
      'acknowledge with nothing latched',
      'SELF_CONSUMPTION',
      { type: 'acknowledgeFault' },
      /^no fault to acknowledge$/,
    ],
    [
      'acknowledge while the alarm is active',
      'FAULT (latched, alarm active)',
      { type: 'acknowledgeFault' },
      /^BMS alarm still active/,
    ],
  ])('%s', (_name, state, command, reasonPattern) => {
    const reason = reasonOf(at(state), command);
    expect(reason).toMatch(reasonPattern);
    expect(rejectionStatus(reason)).toEqual({ status: 409 });
    expect(rejectionMessage(reason)).toBe(reason);
  });

  it('an external setpoint above the rating outside EXTERNAL is a 409: the mode is checked first', () => {
    const reason = reasonOf(at('SELF_CONSUMPTION'), ext({ watts: 1e308 }));
    expect(rejectionStatus(reason).status).toBe(409);
  });
});

describe('the table', () => {
  it('a reason no rule knows is a 409 (the body was valid, so the state refused it)', () => {
    expect(rejectionStatus('something new the core says')).toEqual({ status: 409 });
  });

  it('the core’s internal errors are 500', () => {
    expect(rejectionStatus('internal error: boom').status).toBe(500);
    expect(reasonOf(at('SELF_CONSUMPTION'), { type: 'start' })).not.toMatch(/internal/);
  });

  it('every 400 rule names a field and no 409 rule does', () => {
    for (const rule of REJECTION_RULES) {
      if (rule.status === 400) expect(rule.field).toBeTruthy();
      else expect(rule.field).toBeUndefined();
    }
  });
});

import { describe, expect, test } from 'vitest';
import { LinkErrors } from './link-errors';

function rig(): { errors: LinkErrors; logs: string[] } {
  const logs: string[] = [];
  return { errors: new LinkErrors((l) => logs.push(l)), logs };
}

describe('LinkErrors', () => {
  test('logs a failure once, however often it repeats with other numbers', () => {
    const { errors, logs } = rig();
    for (const ms of [400, 800, 1600]) {
      errors.failed(
        'meter',
        'meter 10.0.0.5:502',
        new Error(`meter 10.0.0.5:502: not connected (ECONNREFUSED), next attempt in ${ms} ms`),
      );
    }
    errors.failed('meter', 'meter 10.0.0.5:502', new Error('meter 10.0.0.5:502: ECONNREFUSED'));
    expect(logs).toEqual([
      'meter 10.0.0.5:502: not connected (ECONNREFUSED), next attempt in 400 ms (retrying)',
    ]);
    expect(errors.lastError('meter')).toBe('meter 10.0.0.5:502: ECONNREFUSED');
  });

  test('logs again when the kind of failure changes', () => {
    const { errors, logs } = rig();
    errors.failed('inverter', 'inv', new Error('inv: timed out after 500 ms'));
    errors.failed('inverter', 'inv', new Error('inv: exception 2 (illegal data address)'));
    errors.failed('inverter', 'inv', new Error('inv: timed out after 500 ms'));
    expect(logs).toHaveLength(3);
  });

  test('adds the label only when the message does not carry it already', () => {
    const { errors, logs } = rig();
    errors.failed('meter', 'meter m1', new Error('meter m1: timed out'));
    errors.failed('inverter', 'inverter i1', 'socket hang up');
    expect(logs).toEqual([
      'meter m1: timed out (retrying)',
      'inverter i1: socket hang up (retrying)',
    ]);
  });

  test('keeps links apart', () => {
    const { errors, logs } = rig();
    errors.failed('meter', 'm', new Error('m: down'));
    errors.failed('inverter', 'i', new Error('m: down'));
    expect(logs).toHaveLength(2);
    expect(errors.lastError('bms')).toBeNull();
  });

  test('succeeded: true on the first success and on recovery (logged once), false otherwise', () => {
    const { errors, logs } = rig();
    expect(errors.succeeded('meter', 'm')).toBe(true);
    expect(errors.succeeded('meter', 'm')).toBe(false);
    expect(logs).toEqual([]);
    errors.failed('meter', 'm', new Error('m: down'));
    expect(errors.succeeded('meter', 'm')).toBe(true);
    expect(errors.succeeded('meter', 'm')).toBe(false);
    expect(logs).toEqual(['m: down (retrying)', 'm: link restored']);
    expect(errors.lastError('meter')).toBeNull();
  });

  test('after a recovery the same failure is logged again', () => {
    const { errors, logs } = rig();
    errors.failed('meter', 'm', new Error('m: down'));
    errors.succeeded('meter', 'm');
    errors.failed('meter', 'm', new Error('m: down'));
    expect(logs).toEqual(['m: down (retrying)', 'm: link restored', 'm: down (retrying)']);
  });
});

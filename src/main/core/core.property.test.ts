import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EmsCommand } from '../../shared/commands';
import { RUN_MODES } from '../../shared/ems-names';
import type { StepInput } from './core-arbitraries.test-kit';
import { commandArb, configArb, measurementsOf, stepInputArb } from './core-arbitraries.test-kit';
import type { CoreConfig } from './core-config';
import { checkCoreInvariants } from './core-invariants';
import type { CoreState } from './core-state';
import { createCoreState, ZERO_OUTPUT_STATES } from './core-state';
import { readyStandby, TEST_CONFIG } from './core.test-kit';
import type { Measurements } from './measurements';
import { applyCommand } from './state-machine';
import { step } from './step';

const pos = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
const fin = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
/** a <= b, allowing only floating-point rounding. */
const atMost = (a: number, b: number): boolean => a <= b + 1e-9 * Math.abs(b);

/** Independent oracle: every limit the output at `now` broke, computed from the raw inputs. */
function violations(out: number, i: StepInput, now: number, cfg: CoreConfig): string[] {
  if (!Number.isFinite(out)) return ['output not finite'];
  const bad: string[] = [];
  const fresh = (a: number, t: number): boolean => Math.abs(a) <= t;
  const bms = cfg.hasBms && i.bms !== null && fresh(i.ages[2], cfg.timeouts.bmsMs) ? i.bms : null;
  const invOk =
    i.inverterW !== null && fresh(i.ages[1], cfg.timeouts.inverterMs) && fin(i.inverterW) !== null;
  const gridOk =
    i.gridW !== null && fresh(i.ages[0], cfg.timeouts.meterMs) && fin(i.gridW) !== null;
  const soc = fin(cfg.hasBms ? bms?.socPct : invOk ? i.inverterSoc : null);
  const base = gridOk && invOk ? fin((i.gridW ?? 0) + (i.inverterW ?? 0)) : null;
  if (out > 0) {
    if (!atMost(out, pos(cfg.inverterMaxDischargeW))) bad.push('above discharge rating');
    if (soc === null || soc <= cfg.socMinPct)
      bad.push('discharge at/below socMin or with unknown SOC');
    if (cfg.hasBms && bms?.dischargeEnabled !== true) bad.push('discharge while not enabled');
    if (cfg.hasBms && !atMost(out, pos(bms?.dischargeCurrentLimitA) * pos(bms?.voltageV)))
      bad.push('above DCL');
    const limit = cfg.gridExportLimitW;
    if (limit !== null && (base === null || !atMost(out, Math.max(0, base + (fin(limit) ?? 0)))))
      bad.push('export limit');
  }
  if (out < 0) {
    if (!atMost(-out, pos(cfg.inverterMaxChargeW))) bad.push('above charge rating');
    if (soc === null || soc >= cfg.socMaxPct)
      bad.push('charge at/above socMax or with unknown SOC');
    if (cfg.hasBms && bms?.chargeEnabled !== true) bad.push('charge while not enabled');
    if (cfg.hasBms && !atMost(-out, pos(bms?.chargeCurrentLimitA) * pos(bms?.voltageV)))
      bad.push('above CCL');
    const limit = cfg.gridImportLimitW;
    if (limit !== null && (base === null || !atMost(-out, -Math.min(0, base - (fin(limit) ?? 0)))))
      bad.push('import limit');
  }
  return bad;
}

describe('core properties', () => {
  test('in every mode, for any measurements and limits, the output respects every limit', () => {
    const scenario = fc.record({
      cfg: configArb,
      mode: fc.constantFrom(...RUN_MODES),
      overrideW: fc.integer({ min: 0, max: 10_000 }),
      externalW: fc.integer({ min: -10_000, max: 10_000 }),
      steps: fc.array(stepInputArb, { minLength: 1, maxLength: 30 }),
    });
    fc.assert(
      fc.property(scenario, ({ cfg, mode, overrideW, externalW, steps }) => {
        let s = readyStandby(0, cfg);
        s = applyCommand(s, { type: 'setOverridePower', watts: overrideW }, 0, cfg).state;
        s = applyCommand(s, { type: 'setMode', mode }, 0, cfg).state;
        s = applyCommand(
          s,
          { type: 'setExternalSetpoint', watts: externalW, ttlSeconds: 20 },
          0,
          cfg,
        ).state;
        let now = 0;
        for (const input of steps) {
          now += input.gapMs;
          const out = step(s, measurementsOf(input, now), now, cfg);
          s = out.state;
          expect(out.events.filter((e) => e.kind === 'internal-error')).toEqual([]);
          expect(violations(out.setpointW, input, now, cfg)).toEqual([]);
          if (ZERO_OUTPUT_STATES.includes(s.state)) expect(out.setpointW).toBe(0);
          if (ZERO_OUTPUT_STATES.includes(s.state)) expect(out.limitedBy).toBe('none');
          expect(out.setpointW).toBe(s.setpointW);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('random command and step sequences never throw and always leave a valid state', () => {
    const action = fc.oneof(
      commandArb.map((cmd) => ({ kind: 'command' as const, cmd, gapMs: 0 })),
      stepInputArb.map((input) => ({ kind: 'step' as const, input, gapMs: input.gapMs })),
    );
    fc.assert(
      fc.property(configArb, fc.array(action, { maxLength: 60 }), (cfg, actions) => {
        let s: CoreState = createCoreState(cfg);
        let now = 0;
        for (const a of actions) {
          now += a.gapMs;
          if (a.kind === 'command') {
            const out = applyCommand(s, a.cmd, now, cfg);
            s = out.state;
            if (!out.result.ok) expect(out.result.reason.length).toBeGreaterThan(0);
          } else {
            const out = step(s, measurementsOf(a.input, now), now, cfg);
            expect(out.events.filter((e) => e.kind === 'internal-error')).toEqual([]);
            expect(violations(out.setpointW, a.input, now, cfg)).toEqual([]);
            s = out.state;
          }
          expect(checkCoreInvariants(s)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('nonsense arguments (any command, measurements, clock) get an answer, not an exception', () => {
    const ready = readyStandby(0);
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.oneof(fc.integer(), fc.double()),
        (cmd, m, now) => {
          const c = applyCommand(ready, cmd as EmsCommand, now, TEST_CONFIG);
          expect(typeof c.result.ok).toBe('boolean');
          const s = step(ready, m as Measurements, now, TEST_CONFIG);
          expect(s.setpointW).toBe(0);
          expect(s.events.every((e) => typeof e.message === 'string')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

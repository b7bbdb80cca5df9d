import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { REQUEST_METHODS } from '../../shared/contract';
import { commandArb } from '../core/core-arbitraries.test-kit';
import { makeRig, type RuntimeRig } from '../runtime/runtime.test-kit';
import { EmsService } from '../service/ems-service';
import { answerRequestMessage } from './request-message';

/**
 * Fuzzing the WebSocket bridge's message layer through the real service and runtime: any
 * text a client sends gets exactly one reply; it is never a rejection; an error reply says
 * whether the JSON, the envelope (with the field) or the request was wrong, and echoes the
 * request's id whenever the id itself was usable.
 */

const TOKEN = 't'.repeat(64);
const METHODS: readonly string[] = REQUEST_METHODS;

/** Present most of the time (JSON.stringify drops an undefined field). */
const usually = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) });
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 1, arbitrary: arb }, { weight: 9, arbitrary: fc.constant(undefined) });

/** Params that fit each method, so most requests get past the service's schema. */
const fittingParams = new Map<string, fc.Arbitrary<unknown>>([
  ['command', fc.record({ command: commandArb })],
  ['getHistory', fc.record({ window: fc.constantFrom('5m', '1h', '24h', 'x') })],
]);

/** Envelopes: mostly well-formed (so requests reach the service), each field sometimes wrong or missing. */
const envelopeArb = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...METHODS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  )
  .chain((method) =>
    fc.record({
      id: usually(
        fc.oneof({ weight: 4, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.jsonValue() }),
      ),
      method: usually(fc.constant(method)),
      params: usually(
        fc.oneof(
          { weight: 4, arbitrary: fittingParams.get(method) ?? fc.constant({}) },
          { weight: 1, arbitrary: fc.jsonValue() },
        ),
      ),
      token: usually(fc.oneof(fc.constant(TOKEN), fc.string({ maxLength: 300 }), fc.jsonValue())),
      extra: rarely(fc.jsonValue()),
    }),
  );
const textArb = fc.oneof(
  { weight: 4, arbitrary: envelopeArb.map((e) => JSON.stringify(e)) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

let rig: RuntimeRig;
let service: EmsService;

beforeEach(() => {
  rig = makeRig({ gridW: 800 });
  service = new EmsService({ runtime: rig.runtime, clock: rig.clock });
  rig.runtime.start();
});

afterEach(async () => {
  service.dispose();
  await rig.runtime.safeStop(100);
});

/** The id the reply must carry: the request's, when it is a non-negative integer. */
function usableId(text: string): number | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
  } catch {
    return null;
  }
}

describe('answerRequestMessage with arbitrary text', () => {
  test('one reply per message; errors say what was wrong and keep a usable id', async () => {
    let reachedService = 0;
    await fc.assert(
      fc.asyncProperty(textArb, async (text) => {
        const reply = await answerRequestMessage(text, service, TOKEN);
        if (reply.ok || !/^(malformed JSON|bad request):/.test(reply.error)) reachedService += 1;
        const id = usableId(text);
        if (reply.ok) {
          expect(reply.id).toBe(id);
          return;
        }
        // The id is echoed whenever it was usable, so the client can fail the right request.
        if (reply.id !== null) expect(reply.id).toBe(id);
        expect(reply.error).toMatch(
          // JSON, envelope (with the field), or the service's own "<method>: <why>".
          /^(malformed JSON: \S|bad request: (\(root\)|[^\s:]+): \S|\w+: \S|\w+ needs the host's token or a paired browser$|a command needs the host's token or a paired browser$)/,
        );
        expect(reply.error).not.toMatch(/internal error/);
      }),
      { numRuns: 800 },
    );
    // The generator must reach the service, not only the envelope check.
    expect(reachedService).toBeGreaterThan(80);
  });
});

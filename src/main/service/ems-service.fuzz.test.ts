import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  contractTable,
  isRequestMethod,
  REQUEST_METHODS,
  requestSpecs,
} from '../../shared/contract';
import { commandArb } from '../core/core-arbitraries.test-kit';
import { makeRig, type RuntimeRig } from '../runtime/runtime.test-kit';
import { EmsService, NEEDS_TOKEN, needsToken } from './ems-service';

/**
 * Fuzzing the service every transport (IPC, WebSocket, REST) hands its requests to, over a
 * real EmsRuntime on in-memory devices: any method name and any params (JSON or not) get a
 * reply, never a rejection or an internal error; a refusal names the unknown method or the
 * first wrong field; a valid command always reaches the core and gets its answer. Every
 * method of the contract is fuzzed, including ones added later.
 */

const METHODS: readonly string[] = REQUEST_METHODS;
const methodArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...METHODS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
/** Params: near-valid shapes for each method, any JSON, and anything structured clone could carry. */
const paramsArb = fc.oneof(
  fc.record({ command: commandArb }),
  fc.record({ command: fc.record({ type: fc.string(), watts: fc.jsonValue() }) }),
  fc.record({ window: fc.oneof(fc.constantFrom('5m', '1h', '24h'), fc.jsonValue()) }),
  fc.jsonValue(),
  fc.anything({ withDate: true, withMap: true, withTypedArray: true, withNullPrototype: true }),
  fc.constant(undefined),
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

describe('EmsService.handle with arbitrary input', () => {
  test('always replies; every refusal names the method or the wrong field', async () => {
    await rig.clock.runFor(1000);
    await fc.assert(
      fc.asyncProperty(methodArb, paramsArb, fc.boolean(), async (method, params, authorised) => {
        const reply = await service.handle(method, params, { authorised });
        // An unauthorised client can never get a command through, whatever it sends.
        if (method === 'command' && !authorised) {
          expect(reply).toEqual({ ok: false, error: NEEDS_TOKEN });
          return;
        }
        if (reply.ok) {
          expect(METHODS).toContain(method);
          if (method === 'command') {
            const result = reply.result as { ok: boolean; reason?: string };
            expect(typeof result.ok).toBe('boolean');
            if (!result.ok) expect(result.reason).toMatch(/\S/);
          }
          return;
        }
        expect(reply.error).not.toMatch(/^internal error/);
        expect(reply.error).toMatch(/\S/);
        if (!METHODS.includes(method)) {
          expect(reply.error).toBe(`unknown method "${method}" (one of ${METHODS.join(', ')})`);
          return;
        }
        // "a command needs the host's token ...", "registerRead needs the host's token ...".
        if (reply.error === NEEDS_TOKEN || reply.error === needsToken(method)) {
          expect(authorised).toBe(false);
          return;
        }
        if (!isRequestMethod(method)) throw new Error(`${method} passed as a method`);
        const schema = requestSpecs[method].params;
        if (!schema.safeParse(params === undefined ? {} : params).success) {
          // "command: invalid params: command.watts: Invalid input: ..."
          expect(reply.error).toMatch(
            new RegExp(`^${method}: invalid params: (\\(root\\)|[^\\s:]+): \\S`),
          );
        } else {
          // Valid params the host cannot serve: "canRecordStart: this site has no CAN bus".
          expect(reply.error).toMatch(new RegExp(`^${method}: \\S`));
        }
      }),
      { numRuns: 600 },
    );
  });

  test('a command that passes the schema always reaches the core and gets its answer', async () => {
    await fc.assert(
      fc.asyncProperty(commandArb, async (command) => {
        const parsed = contractTable.command.params.safeParse({ command });
        const reply = await service.handle('command', { command }, { authorised: true });
        expect(reply.ok).toBe(parsed.success);
      }),
      { numRuns: 300 },
    );
  });
});

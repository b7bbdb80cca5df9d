import { createServer, type Server, type Socket } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ModbusTcpClient } from '../src/main/devices/modbus/wire/modbus-client';
import { ModbusError } from '../src/main/devices/modbus/wire/modbus-errors';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/**
 * Fuzzing the Modbus TCP client over a real socket: a peer that answers each request with
 * random bytes, a frame with a random PDU or unit, the right reply cut into random pieces,
 * silence, or a hang-up. Every request settles within its timeout; it resolves only with the
 * right registers, and every rejection is a ModbusError naming the device and what was wrong.
 */

const TIMEOUT_MS = 200;
const COUNT = 10;

type Answer =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'frame'; readonly unit: number; readonly pdu: Uint8Array }
  | { readonly kind: 'pieces'; readonly cuts: readonly number[] }
  | { readonly kind: 'silent' }
  | { readonly kind: 'hangUp' };

const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('frame' as const),
      unit: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 255 })),
      pdu: fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 30 }),
        fc.constantFrom(
          Uint8Array.from([0x83, 2]),
          Uint8Array.from([3, 20, ...new Array<number>(20).fill(7)]),
        ),
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pieces' as const),
      cuts: fc.array(fc.integer({ min: 1, max: 28 }), { maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'silent' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'hangUp' as const }) },
);

/** The correct reply to a read of registers 0..9 (register i holds 100 + i). */
function goodReply(tid: number): Buffer {
  const frame = Buffer.alloc(9 + COUNT * 2);
  frame.writeUInt16BE(tid, 0);
  frame.writeUInt16BE(3 + COUNT * 2, 4);
  frame[6] = 1;
  frame[7] = 3;
  frame[8] = COUNT * 2;
  for (let i = 0; i < COUNT; i++) frame.writeUInt16BE(100 + i, 9 + i * 2);
  return frame;
}

let server: Server;
let port = 0;
let next: Answer = { kind: 'silent' };

async function answer(socket: Socket, tid: number, a: Answer): Promise<void> {
  if (a.kind === 'bytes') socket.write(a.bytes);
  else if (a.kind === 'frame') {
    const head = Buffer.alloc(7);
    head.writeUInt16BE(tid, 0);
    head.writeUInt16BE(a.pdu.length + 1, 4);
    head[6] = a.unit;
    socket.write(Buffer.concat([head, a.pdu]));
  } else if (a.kind === 'pieces') {
    const reply = goodReply(tid);
    let from = 0;
    for (const cut of [...new Set(a.cuts)].sort((x, y) => x - y)) {
      socket.write(reply.subarray(from, cut));
      from = cut;
      await new Promise((r) => setImmediate(r));
    }
    socket.write(reply.subarray(from));
  } else if (a.kind === 'hangUp') socket.destroy();
}

beforeAll(async () => {
  server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      // Requests of this test are 12-byte reads; answer each by its transaction id.
      for (let at = 0; at + 12 <= chunk.length; at += 12)
        void answer(socket, chunk.readUInt16BE(at), next);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('ModbusTcpClient against a peer answering anything', () => {
  test('every request settles in time, with the right registers or a ModbusError that names the problem', async () => {
    const client = new ModbusTcpClient({
      clock: realTime,
      host: '127.0.0.1',
      port,
      timeoutMs: TIMEOUT_MS,
      name: 'meter',
      backoff: { initialMs: 5, maxMs: 10 },
    });
    await client.connect();
    try {
      await fc.assert(
        fc.asyncProperty(answerArb, async (a) => {
          next = a;
          const started = performance.now();
          const outcome = await client.readHolding(0, COUNT).then(
            (regs) => ({ regs }),
            (err: unknown) => ({ err }),
          );
          if ('regs' in outcome) {
            // Only the right reply, whole or in pieces, or the canned valid PDU, can resolve.
            const expected =
              a.kind === 'pieces' ? (i: number): number => 100 + i : (): number => 0x0707;
            expect(outcome.regs).toEqual(Array.from({ length: COUNT }, (_, i) => expected(i)));
          } else {
            expect(outcome.err).toBeInstanceOf(ModbusError);
            const message = (outcome.err as Error).message;
            expect(message.startsWith(`meter 127.0.0.1:${port} unit 1: `)).toBe(true);
            expect(message).toMatch(
              /timeout after 200 ms reading holding 0\+10|Modbus exception \d+ \(.+\) reading holding 0\+10|, reading holding 0\+10$|link lost \(.+\)|not connected \(.+\)/,
            );
            expect(a.kind, message).not.toBe('pieces');
          }
          expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 500);
        }),
        { numRuns: 80 },
      );
    } finally {
      await client.close();
    }
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  MAX_PDU_LENGTH,
  MbapReader,
  decodeReadReply,
  decodeWriteReply,
  type ReplyFrame,
} from './modbus-tcp-frame';

/**
 * Fuzzing the Modbus TCP framing with whatever a peer might send: the reader never throws,
 * cuts a valid stream into the same frames however it is split, and names what broke a
 * stream; the reply decoders never throw and name every mismatch.
 */

const frameArb = fc
  .record({
    tid: fc.integer({ min: 0, max: 0xffff }),
    unit: fc.integer({ min: 0, max: 255 }),
    pdu: fc.uint8Array({ minLength: 1, maxLength: MAX_PDU_LENGTH }),
  })
  .map(({ tid, unit, pdu }) => {
    const frame = Buffer.alloc(7 + pdu.length);
    frame.writeUInt16BE(tid, 0);
    frame.writeUInt16BE(pdu.length + 1, 4);
    frame[6] = unit;
    frame.set(pdu, 7);
    return frame;
  });

/** Splits bytes at the given cut points. */
function split(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    parts.push(bytes.subarray(from, c));
    from = c;
  }
  return parts;
}

const plain = (f: ReplyFrame): [number, number, string] => [
  f.transactionId,
  f.unitId,
  Buffer.from(f.pdu).toString('hex'),
];

describe('MbapReader', () => {
  test('arbitrary bytes in arbitrary chunks: no throw, frames within the protocol limits', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
        const reader = new MbapReader();
        for (const chunk of chunks) {
          const { frames, error } = reader.push(Buffer.from(chunk));
          for (const f of frames) {
            expect(f.pdu.length).toBeGreaterThanOrEqual(1);
            expect(f.pdu.length).toBeLessThanOrEqual(MAX_PDU_LENGTH);
          }
          if (error !== null) {
            expect(error).toMatch(/^(protocol id \d+ is not 0|frame length \d+ is not 2\.\.254)/);
            return;
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  test('a valid stream gives the same frames however it is split', () => {
    fc.assert(
      fc.property(
        fc.array(frameArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (frames, cuts) => {
          const stream = Buffer.concat(frames);
          const whole = new MbapReader().push(stream);
          const reader = new MbapReader();
          const pieces = split(stream, cuts).flatMap((part) => {
            const r = reader.push(part);
            expect(r.error).toBeNull();
            return r.frames.map(plain);
          });
          expect(whole.error).toBeNull();
          expect(pieces).toEqual(whole.frames.map(plain));
          expect(pieces).toHaveLength(frames.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('reply decoders', () => {
  test('any PDU: registers of the right count, an exception code, or a named mismatch', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: MAX_PDU_LENGTH }),
        fc.constantFrom(3 as const, 4 as const),
        fc.integer({ min: 1, max: 125 }),
        (pdu, fc3or4, count) => {
          const r = decodeReadReply(pdu, fc3or4, count);
          if (r.kind === 'value') {
            expect(r.value).toHaveLength(count);
            for (const w of r.value) expect(w >= 0 && w <= 0xffff).toBe(true);
          } else if (r.kind === 'exception') {
            expect(pdu[0]).toBe(fc3or4 | 0x80);
          } else {
            expect(r.reason).toMatch(/function code 0x[0-9a-f]{2}|data bytes|exception reply of/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('any PDU to a write: confirmed only by the exact echo, else a named mismatch', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 1, max: 123 }),
        (pdu, address, count) => {
          const r = decodeWriteReply(pdu, address, count);
          if (r.kind === 'value') {
            expect(Buffer.from(pdu).toString('hex')).toBe(
              Buffer.from([16, address >> 8, address & 0xff, 0, count]).toString('hex'),
            );
          } else if (r.kind === 'malformed') {
            expect(r.reason).toMatch(/function code|echo address|exception reply of/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

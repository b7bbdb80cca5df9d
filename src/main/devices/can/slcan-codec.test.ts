import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCanFrame } from './can-frame';
import type { CanFrame } from './can-transport';
import {
  SlcanStreamDecoder,
  decodeSlcanLine,
  encodeSlcanFrame,
  slcanBitrateCommand,
} from './slcan-codec';

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

const frameArb: fc.Arbitrary<CanFrame> = fc.oneof(
  fc.record({ id: fc.integer({ min: 0, max: 0x7ff }), data: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({
    id: fc.integer({ min: 0, max: 0x1fffffff }),
    data: fc.uint8Array({ maxLength: 8 }),
    extended: fc.constant(true as const),
  }),
);

describe('slcan encoding', () => {
  it('writes standard and extended frames the way Lawicel adapters expect', () => {
    expect(encodeSlcanFrame({ id: 0x305, data: new Uint8Array(8) })).toBe(
      't3058' + '00'.repeat(8) + '\r',
    );
    expect(
      encodeSlcanFrame({ id: 0x1abcdef, data: Uint8Array.from([0xa, 0xff]), extended: true }),
    ).toBe('T01ABCDEF20AFF\r');
    expect(encodeSlcanFrame({ id: 0x7, data: new Uint8Array(0) })).toBe('t0070\r');
  });

  it('refuses a frame the bus cannot carry, naming the problem', () => {
    expect(() => encodeSlcanFrame({ id: 0x800, data: new Uint8Array(1) })).toThrow(
      /0x800 is out of range/,
    );
    expect(() => encodeSlcanFrame({ id: 1, data: new Uint8Array(9) })).toThrow(/9 data bytes/);
  });

  it('maps bitrates to S commands and lists the supported ones for a bad bitrate', () => {
    expect(slcanBitrateCommand(500_000)).toBe('S6');
    expect(slcanBitrateCommand(250_000)).toBe('S5');
    expect(() => slcanBitrateCommand(33_333)).toThrow(
      /33333 is not supported \(one of 10000, .*500000/,
    );
  });
});

describe('slcan decoding', () => {
  it('reads frames, acks, OKs and remote frames', () => {
    expect(decodeSlcanLine('t35121234')).toEqual({
      kind: 'frame',
      frame: { id: 0x351, data: Uint8Array.from([0x12, 0x34]) },
    });
    expect(decodeSlcanLine('T1234567811F')).toEqual({
      kind: 'frame',
      frame: { id: 0x12345678, data: Uint8Array.from([0x1f]), extended: true },
    });
    // A 4-digit adapter timestamp after the data is ignored.
    expect(decodeSlcanLine('t1001AA1F3C')).toEqual({
      kind: 'frame',
      frame: { id: 0x100, data: Uint8Array.from([0xaa]) },
    });
    expect(decodeSlcanLine('')).toEqual({ kind: 'ok' });
    expect(decodeSlcanLine('z')).toEqual({ kind: 'ack' });
    expect(decodeSlcanLine('r1232')).toEqual({ kind: 'remote' });
    expect(decodeSlcanLine('V1013')).toEqual({ kind: 'other', text: 'V1013' });
    expect(decodeSlcanLine('S6')).toEqual({ kind: 'other', text: 'S6' });
  });

  it('rejects malformed frame lines with a reason that quotes the line', () => {
    expect(decodeSlcanLine('t35')).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('"t35"') as string,
    });
    expect(decodeSlcanLine('t3519')).toMatchObject({ kind: 'malformed' });
    expect(decodeSlcanLine('t351212')).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('expected 2 data byte(s)') as string,
    });
    expect(decodeSlcanLine('t3512zz12')).toMatchObject({ kind: 'malformed' });
    expect(decodeSlcanLine('t8001AA')).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('out of range') as string,
    });
    expect(decodeSlcanLine('T3FFFFFFF0')).toMatchObject({ kind: 'malformed' });
  });

  it('round-trips any valid frame', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const line = encodeSlcanFrame(frame).slice(0, -1);
        expect(decodeSlcanLine(line)).toEqual({ kind: 'frame', frame });
      }),
    );
  });
});

describe('slcan byte stream', () => {
  it('reassembles lines split across chunks, reports BEL and skips CR LF', () => {
    const decoder = new SlcanStreamDecoder();
    expect(decoder.push(bytes('t35'))).toEqual([]);
    expect(decoder.push(bytes('11AB\r\nz\r\x07'))).toEqual([
      { kind: 'frame', frame: { id: 0x351, data: Uint8Array.from([0xab]) } },
      { kind: 'ack' },
      { kind: 'error' },
    ]);
  });

  it('discards an over-long line once and resynchronises at the next CR', () => {
    const decoder = new SlcanStreamDecoder();
    const events = decoder.push(bytes('x'.repeat(200) + '\rt1000\r'));
    expect(events).toEqual([
      { kind: 'malformed', reason: expect.stringContaining('longer than 64') as string },
      { kind: 'frame', frame: { id: 0x100, data: new Uint8Array(0) } },
    ]);
  });

  it('never throws on any bytes, and every frame it yields is a valid CAN frame', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 20 }), (chunks) => {
        const decoder = new SlcanStreamDecoder();
        for (const chunk of chunks) {
          for (const event of decoder.push(chunk)) {
            if (event.kind === 'frame') expect(checkCanFrame(event.frame)).toBeNull();
          }
        }
      }),
    );
  });

  it('decodes any sequence of encoded frames however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(frameArb, { maxLength: 10 }),
        fc.integer({ min: 1, max: 13 }),
        (frames, size) => {
          const stream = bytes(frames.map(encodeSlcanFrame).join(''));
          const decoder = new SlcanStreamDecoder();
          const out: CanFrame[] = [];
          for (let i = 0; i < stream.length; i += size) {
            for (const e of decoder.push(stream.subarray(i, i + size)))
              if (e.kind === 'frame') out.push(e.frame);
          }
          expect(out).toEqual(frames);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanFrame } from './can-transport';
import {
  SocketcandTokenizer,
  formatFrameMessage,
  formatSendCommand,
  parseSocketcandMessage,
} from './socketcand-codec';

const body = (message: string): string => message.slice(1, -1);

const frameArb: fc.Arbitrary<CanFrame> = fc.oneof(
  fc.record({ id: fc.integer({ min: 0, max: 0x7ff }), data: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({
    id: fc.integer({ min: 0, max: 0x1fffffff }),
    data: fc.uint8Array({ maxLength: 8 }),
    extended: fc.constant(true as const),
  }),
);

describe('socketcand messages', () => {
  it('formats frames and send commands as socketcand does', () => {
    const frame = { id: 0x351, data: Uint8Array.from([0x02, 0x2a, 0xff]) };
    expect(formatFrameMessage(frame, 1_700_000_000_123.456)).toBe(
      '< frame 351 1700000000.123456 022AFF >',
    );
    expect(formatSendCommand(frame)).toBe('< send 351 3 02 2A FF >');
    expect(formatSendCommand({ id: 0x1abcdef, data: new Uint8Array(0), extended: true })).toBe(
      '< send 01ABCDEF 0 >',
    );
    expect(formatFrameMessage({ id: 5, data: new Uint8Array(0) }, 0)).toBe(
      '< frame 005 0.000000  >',
    );
  });

  it('parses the handshake and control words', () => {
    expect(parseSocketcandMessage(' hi ')).toEqual({ kind: 'hi' });
    expect(parseSocketcandMessage(' ok ')).toEqual({ kind: 'ok' });
    expect(parseSocketcandMessage(' open can0 ')).toEqual({ kind: 'open', bus: 'can0' });
    expect(parseSocketcandMessage(' rawmode ')).toEqual({ kind: 'rawmode' });
    expect(parseSocketcandMessage(' error could not open bus ')).toEqual({
      kind: 'error',
      text: 'could not open bus',
    });
    expect(parseSocketcandMessage(' bcmmode ')).toEqual({ kind: 'other', command: 'bcmmode' });
  });

  it("reads the data field both as one hex run and as python-can's unpadded tokens", () => {
    expect(parseSocketcandMessage(' frame 123 23.424242 11223344 ')).toEqual({
      kind: 'frame',
      frame: { id: 0x123, data: Uint8Array.from([0x11, 0x22, 0x33, 0x44]) },
      timeS: 23.424242,
    });
    expect(parseSocketcandMessage(' send 305 3 0 a ff ')).toEqual({
      kind: 'send',
      frame: { id: 0x305, data: Uint8Array.from([0, 10, 255]) },
    });
    expect(parseSocketcandMessage(' send 1AAAAAAA 2 1 f ')).toEqual({
      kind: 'send',
      frame: { id: 0x1aaaaaaa, data: Uint8Array.from([1, 15]), extended: true },
    });
  });

  it('rejects bad messages with a reason instead of throwing', () => {
    expect(parseSocketcandMessage(' send 305 3 01 02 ')).toEqual({
      kind: 'invalid',
      reason: 'send says 3 byte(s) but carries 2',
    });
    expect(parseSocketcandMessage(' send 800 0 ')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('out of range') as string,
    });
    expect(parseSocketcandMessage(' frame 351 x 00 ')).toMatchObject({
      kind: 'invalid',
      reason: 'frame with bad time "x"',
    });
    expect(parseSocketcandMessage(' frame 351 1.0 123 ')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('odd number') as string,
    });
    expect(parseSocketcandMessage(' frame 351 1.0 000102030405060708 ')).toMatchObject({
      kind: 'invalid',
    });
    expect(parseSocketcandMessage(' frame zz 1.0 00 ')).toMatchObject({
      kind: 'invalid',
      reason: 'frame: bad CAN id "zz"',
    });
    expect(parseSocketcandMessage('')).toEqual({ kind: 'invalid', reason: 'empty message' });
    expect(parseSocketcandMessage(' SEND! ')).toMatchObject({ kind: 'invalid' });
  });

  it('round-trips any frame through both message kinds', () => {
    fc.assert(
      fc.property(frameArb, fc.integer({ min: 0, max: 4_000_000_000_000 }), (frame, timeMs) => {
        expect(parseSocketcandMessage(body(formatSendCommand(frame)))).toEqual({
          kind: 'send',
          frame,
        });
        const parsed = parseSocketcandMessage(body(formatFrameMessage(frame, timeMs)));
        expect(parsed).toMatchObject({ kind: 'frame', frame });
      }),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const parsed = parseSocketcandMessage(text);
        expect(typeof parsed.kind).toBe('string');
      }),
    );
  });
});

describe('socketcand stream', () => {
  it('splits back-to-back messages across chunks and skips noise between them', () => {
    const t = new SocketcandTokenizer();
    expect(t.push('< hi >< fr')).toEqual({ messages: [' hi '], dropped: 0 });
    expect(t.push('ame 351 1.0 00 > junk < ok >')).toEqual({
      messages: [' frame 351 1.0 00 ', ' ok '],
      dropped: 4,
    });
  });

  it('drops a message cut off by a new one, and an endless one', () => {
    const t = new SocketcandTokenizer();
    expect(t.push('< frame 35< ok >')).toEqual({ messages: [' ok '], dropped: 10 });
    expect(t.push('<' + 'x'.repeat(300))).toEqual({ messages: [], dropped: 301 });
    expect(t.push('< hi >')).toEqual({ messages: [' hi '], dropped: 0 });
  });

  it('yields the same messages however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(frameArb, { maxLength: 10 }),
        fc.integer({ min: 1, max: 17 }),
        (frames, size) => {
          const text = frames.map((f) => formatFrameMessage(f, 1000)).join('');
          const t = new SocketcandTokenizer();
          const out: string[] = [];
          for (let i = 0; i < text.length; i += size)
            out.push(...t.push(text.slice(i, i + size)).messages);
          expect(out.map((m) => parseSocketcandMessage(m))).toEqual(
            frames.map((frame) => ({ kind: 'frame', frame, timeS: 1 })),
          );
        },
      ),
    );
  });
});

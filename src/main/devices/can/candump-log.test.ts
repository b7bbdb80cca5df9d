import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanFrame } from './can-transport';
import { formatCandumpLine, parseCandumpLine, parseCandumpLog } from './candump-log';

describe('candump -l log lines', () => {
  it('reads standard and extended frames with their time and interface', () => {
    expect(parseCandumpLine('(1700000000.123456) can0 351#2802E803')).toEqual({
      kind: 'record',
      record: {
        timeS: 1700000000.123456,
        bus: 'can0',
        frame: { id: 0x351, data: Uint8Array.from([0x28, 0x02, 0xe8, 0x03]) },
      },
    });
    expect(parseCandumpLine('(0.5) vcan0 1ABCDEF0#')).toEqual({
      kind: 'record',
      record: {
        timeS: 0.5,
        bus: 'vcan0',
        frame: { id: 0x1abcdef0, data: new Uint8Array(0), extended: true },
      },
    });
    // Newer can-utils append R/T for received/transmitted.
    expect(parseCandumpLine('(1.000000) can0 305#00 T')).toMatchObject({ kind: 'record' });
  });

  it('skips blank lines, comments and remote frames', () => {
    expect(parseCandumpLine('')).toEqual({ kind: 'skip' });
    expect(parseCandumpLine('# captured at site 7')).toEqual({ kind: 'skip' });
    expect(parseCandumpLine('(1.0) can0 123#R')).toEqual({ kind: 'skip' });
  });

  it('names what is wrong with a bad line', () => {
    expect(parseCandumpLine('can0 351#00')).toMatchObject({
      kind: 'error',
      reason: expect.stringContaining('expected "(SECONDS) IFACE ID#DATA"') as string,
    });
    expect(parseCandumpLine('(1.0) can0 35#00')).toMatchObject({
      kind: 'error',
      reason: 'id "35" must have 3 (11-bit) or 8 (29-bit) hex digits',
    });
    expect(parseCandumpLine('(1.0) can0 351#0')).toMatchObject({
      kind: 'error',
      reason: 'data "0" is not whole hex bytes',
    });
    expect(parseCandumpLine('(1.0) can0 351#000102030405060708')).toMatchObject({
      kind: 'error',
      reason: expect.stringContaining('9 data bytes') as string,
    });
    expect(parseCandumpLine('(1.0) can0 800#00')).toMatchObject({
      kind: 'error',
      reason: expect.stringContaining('out of range') as string,
    });
    expect(parseCandumpLine('(1.0) can0 351##100')).toMatchObject({
      kind: 'error',
      reason: 'CAN FD frames (##) are not supported',
    });
  });

  it('names the file and line of the first bad line of a log, and refuses an empty log', () => {
    const text = '(1.0) can0 351#00\n\n(2.0) can0 351#0G\n';
    expect(() => parseCandumpLog(text, 'site.log')).toThrow(
      'candump log site.log line 3: data "0G" is not whole hex bytes',
    );
    expect(() => parseCandumpLog('# nothing\n', 'empty.log')).toThrow(
      'candump log empty.log: no frames in it',
    );
    expect(parseCandumpLog('(1.0) can0 351#00\r\n(2.0) can0 355#01\r\n', 'crlf.log')).toHaveLength(
      2,
    );
  });

  it('formats exactly what it parses', () => {
    const frameArb: fc.Arbitrary<CanFrame> = fc.oneof(
      fc.record({ id: fc.integer({ min: 0, max: 0x7ff }), data: fc.uint8Array({ maxLength: 8 }) }),
      fc.record({
        id: fc.integer({ min: 0, max: 0x1fffffff }),
        data: fc.uint8Array({ maxLength: 8 }),
        extended: fc.constant(true as const),
      }),
    );
    fc.assert(
      fc.property(frameArb, fc.integer({ min: 0, max: 4_000_000_000_000_000 }), (frame, us) => {
        const record = { timeS: us / 1e6, bus: 'can0', frame };
        const parsed = parseCandumpLine(formatCandumpLine(record));
        expect(parsed).toMatchObject({ kind: 'record', record: { bus: 'can0', frame } });
        if (parsed.kind === 'record')
          expect(Math.abs(parsed.record.timeS - record.timeS)).toBeLessThan(1e-6);
      }),
    );
  });

  it('never throws on any line', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (line) => void parseCandumpLine(line)));
  });
});

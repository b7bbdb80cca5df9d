import { describe, expect, test } from 'vitest';
import {
  MbapReader,
  decodeReadReply,
  decodeWriteReply,
  encodeReadRequest,
  encodeWriteRequest,
} from './modbus-tcp-frame';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

describe('requests', () => {
  test('a read request is the MBAP header and the PDU of the Modbus spec example', () => {
    // Spec example: read holding registers 108-110 (address 0x006B, 3 registers).
    expect(encodeReadRequest(1, 17, 3, 0x6b, 3)).toEqual(bytes('0001 0000 0006 11 03 006B 0003'));
    expect(encodeReadRequest(0xfffe, 1, 4, 0, 125)).toEqual(
      bytes('FFFE 0000 0006 01 04 0000 007D'),
    );
  });

  test('a write-multiple request carries the count, the byte count and every word', () => {
    expect(encodeWriteRequest(2, 1, 1, [0x000a, 0x0102])).toEqual(
      bytes('0002 0000 000B 01 10 0001 0002 04 000A 0102'),
    );
  });
});

describe('MbapReader', () => {
  const reply = bytes('0001 0000 0009 11 03 06 022B 0000 0064');

  test('cuts a frame however the bytes are split', () => {
    for (let cut = 0; cut <= reply.length; cut++) {
      const reader = new MbapReader();
      const first = reader.push(reply.subarray(0, cut));
      const second = reader.push(reply.subarray(cut));
      const frames = [...first.frames, ...second.frames];
      expect(first.error ?? second.error).toBeNull();
      expect(frames).toHaveLength(1);
      expect(frames[0]?.transactionId).toBe(1);
      expect(frames[0]?.unitId).toBe(0x11);
      expect(Buffer.from(frames[0]?.pdu ?? [])).toEqual(bytes('03 06 022B 0000 0064'));
    }
  });

  test('returns every frame of a chunk holding several, in order', () => {
    const second = bytes('0002 0000 0003 11 83 02');
    const { frames } = new MbapReader().push(Buffer.concat([reply, second, reply.subarray(0, 5)]));
    expect(frames.map((f) => f.transactionId)).toEqual([1, 2]);
  });

  test('reports a stream that is not Modbus TCP: protocol id, impossible lengths', () => {
    expect(new MbapReader().push(bytes('0001 0001 0003 01 03 00')).error).toBe(
      'protocol id 1 is not 0 (Modbus TCP)',
    );
    expect(new MbapReader().push(bytes('0001 0000 0001 01')).error).toBe(
      'frame length 1 is not 2..254',
    );
    expect(new MbapReader().push(bytes('0001 0000 0100 01')).error).toBe(
      'frame length 256 is not 2..254',
    );
  });
});

describe('replies', () => {
  test('a read reply gives its registers', () => {
    expect(decodeReadReply(bytes('03 04 FFFF 0001'), 3, 2)).toEqual({
      kind: 'value',
      value: [0xffff, 1],
    });
  });

  test('an exception reply gives its code', () => {
    expect(decodeReadReply(bytes('84 02'), 4, 1)).toEqual({ kind: 'exception', code: 2 });
    expect(decodeWriteReply(bytes('90 04'), 0, 1)).toEqual({ kind: 'exception', code: 4 });
  });

  test('a reply that does not fit its request says what is wrong', () => {
    expect(decodeReadReply(bytes('04 02 0001'), 3, 1)).toEqual({
      kind: 'malformed',
      reason: 'reply has function code 0x04, expected 0x03',
    });
    expect(decodeReadReply(bytes('03 02 0001'), 3, 2)).toEqual({
      kind: 'malformed',
      reason: 'reply carries 2 data bytes (byte count 2), expected 4',
    });
    expect(decodeReadReply(bytes('03 04 0001'), 3, 2)).toMatchObject({ kind: 'malformed' });
    expect(decodeReadReply(bytes('83'), 3, 2)).toEqual({
      kind: 'malformed',
      reason: 'exception reply of 1 bytes, expected 2',
    });
    expect(decodeWriteReply(bytes('10 0001 0003'), 1, 2)).toEqual({
      kind: 'malformed',
      reason: 'write reply does not echo address 1 and count 2',
    });
  });

  test('a write reply that echoes address and count confirms the write', () => {
    expect(decodeWriteReply(bytes('10 0001 0002'), 1, 2)).toEqual({
      kind: 'value',
      value: undefined,
    });
  });
});

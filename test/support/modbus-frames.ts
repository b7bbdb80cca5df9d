import { randomBytes } from 'node:crypto';

/**
 * Just enough Modbus TCP framing for a fault-injecting proxy: cut a byte stream into
 * MBAP frames, and build the frames a misbehaving device would send (an exception, a
 * write acknowledged without being done, noise).
 */

/** MBAP header: transaction id (2), protocol id (2), length (2), unit id (1). */
export const MBAP_HEADER_BYTES = 7;
/** The largest length field a valid frame carries (unit id + a 253-byte PDU). */
const MAX_LENGTH_FIELD = 254;

/** Function codes of the writes a device can swallow. */
export const WRITE_SINGLE = 0x06;
export const WRITE_MULTIPLE = 0x10;

/**
 * Splits a TCP byte stream into complete Modbus TCP frames. Bytes that cannot start a
 * frame (a length field out of range) are handed on as one raw chunk, so the proxy never
 * stalls on input it does not understand.
 */
export class FrameSplitter {
  private buffer = Buffer.alloc(0);

  /** Adds received bytes; returns every frame (or raw chunk) now complete. */
  push(data: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, data]);
    const out: Buffer[] = [];
    while (this.buffer.length >= MBAP_HEADER_BYTES) {
      const length = this.buffer.readUInt16BE(4);
      if (length < 2 || length > MAX_LENGTH_FIELD) {
        out.push(this.buffer);
        this.buffer = Buffer.alloc(0);
        break;
      }
      const total = 6 + length;
      if (this.buffer.length < total) break;
      out.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
    return out;
  }
}

/** The function code of a frame (0 for a frame too short to have one). */
export function functionCode(frame: Buffer): number {
  return frame.length > MBAP_HEADER_BYTES ? (frame[MBAP_HEADER_BYTES] ?? 0) : 0;
}

function withHeader(frame: Buffer, pdu: Buffer): Buffer {
  const out = Buffer.alloc(MBAP_HEADER_BYTES + pdu.length);
  frame.copy(out, 0, 0, 4); // transaction and protocol id of the request or reply
  out.writeUInt16BE(pdu.length + 1, 4);
  out[6] = frame[6] ?? 0;
  pdu.copy(out, MBAP_HEADER_BYTES);
  return out;
}

/** The same frame's transaction answered with exception `code` (e.g. 4, server device failure). */
export function exceptionReply(frame: Buffer, code: number): Buffer {
  return withHeader(frame, Buffer.from([(functionCode(frame) | 0x80) & 0xff, code]));
}

/**
 * The reply a device sends when it has done a write: FC16 echoes address and quantity,
 * FC6 echoes the request. Null for any other request.
 */
export function writeAcknowledgement(request: Buffer): Buffer | null {
  const fc = functionCode(request);
  const pdu = request.subarray(MBAP_HEADER_BYTES);
  if (fc === WRITE_MULTIPLE && pdu.length >= 5) return withHeader(request, pdu.subarray(0, 5));
  if (fc === WRITE_SINGLE && pdu.length >= 5) return withHeader(request, pdu.subarray(0, 5));
  return null;
}

/**
 * Noise in place of a reply, alternating between the two ways a confused device or a
 * broken gateway garbles a link: a well-formed frame under a transaction id nobody asked
 * for, and random bytes of the reply's length (which may claim a frame far longer than
 * what follows, so a client that trusts the length field waits for bytes that never come).
 */
export function garbage(reply: Buffer, round: number): Buffer {
  if (round % 2 === 0) {
    const out = Buffer.from(reply);
    out.writeUInt16BE((reply.readUInt16BE(0) + 0x8000) & 0xffff, 0);
    return out;
  }
  return randomBytes(Math.max(reply.length, MBAP_HEADER_BYTES + 2));
}

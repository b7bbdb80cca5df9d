/**
 * Modbus TCP framing, the three functions the EMS uses (FC3, FC4, FC16): requests out, the
 * reply stream cut into frames, each reply checked against its request. Pure functions over
 * bytes, so every check is testable without a socket and a peer's garbage can only produce
 * a reason, never a throw.
 *
 * A frame is the MBAP header (transaction id, protocol id 0, length of what follows, unit id)
 * and the PDU (function code and data). Replies are matched to requests by transaction id, so
 * several requests can be in flight on one connection.
 */

/** MBAP header length: transaction id, protocol id, length, unit id. */
export const MBAP_LENGTH = 7;
/** Largest PDU the protocol allows, bytes. */
export const MAX_PDU_LENGTH = 253;

/** A function code this client sends. */
export type FunctionCode = 3 | 4 | 16;

/** One reply frame cut from the stream. */
export interface ReplyFrame {
  readonly transactionId: number;
  readonly unitId: number;
  /** Function code and data; a view into the received bytes. */
  readonly pdu: Uint8Array;
}

/** What a reply meant: a value, an exception reply, or a reply that does not fit its request. */
export type ReplyOutcome<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'exception'; readonly code: number }
  | { readonly kind: 'malformed'; readonly reason: string };

function header(transactionId: number, unitId: number, pduLength: number): Buffer {
  const frame = Buffer.allocUnsafe(MBAP_LENGTH + pduLength);
  frame.writeUInt16BE(transactionId, 0);
  frame.writeUInt16BE(0, 2);
  frame.writeUInt16BE(pduLength + 1, 4);
  frame[6] = unitId;
  return frame;
}

/** A read request (FC3 holding, FC4 input). Arguments are checked by the caller. */
export function encodeReadRequest(
  transactionId: number,
  unitId: number,
  functionCode: 3 | 4,
  address: number,
  count: number,
): Buffer {
  const frame = header(transactionId, unitId, 5);
  frame[7] = functionCode;
  frame.writeUInt16BE(address, 8);
  frame.writeUInt16BE(count, 10);
  return frame;
}

/** A write-multiple-registers request (FC16). Arguments are checked by the caller. */
export function encodeWriteRequest(
  transactionId: number,
  unitId: number,
  address: number,
  values: readonly number[],
): Buffer {
  const frame = header(transactionId, unitId, 6 + values.length * 2);
  frame[7] = 16;
  frame.writeUInt16BE(address, 8);
  frame.writeUInt16BE(values.length, 10);
  frame[12] = values.length * 2;
  values.forEach((v, i) => frame.writeUInt16BE(v, 13 + i * 2));
  return frame;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/**
 * Cuts the reply stream into frames. Bytes arrive in arbitrary pieces. A header that cannot
 * be Modbus TCP (protocol id not 0, a length no PDU can have) means the stream has lost its
 * framing: nothing after it can be trusted, so the reader reports it and the link is dropped.
 */
export class MbapReader {
  private rest: Buffer | null = null;

  /** Bytes of a frame begun and not yet complete. */
  get buffered(): number {
    return this.rest?.length ?? 0;
  }

  /** Feeds bytes; returns the complete frames and, if the stream broke, why. */
  push(chunk: Buffer): { frames: ReplyFrame[]; error: string | null } {
    let data = this.rest === null ? chunk : Buffer.concat([this.rest, chunk]);
    this.rest = null;
    const frames: ReplyFrame[] = [];
    while (data.length >= MBAP_LENGTH) {
      const protocol = data.readUInt16BE(2);
      const length = data.readUInt16BE(4);
      if (protocol !== 0) return { frames, error: `protocol id ${protocol} is not 0 (Modbus TCP)` };
      if (length < 2 || length > MAX_PDU_LENGTH + 1)
        return { frames, error: `frame length ${length} is not 2..${MAX_PDU_LENGTH + 1}` };
      const end = 6 + length;
      if (data.length < end) break;
      frames.push({
        transactionId: data.readUInt16BE(0),
        unitId: data[6] ?? 0,
        pdu: data.subarray(MBAP_LENGTH, end),
      });
      data = data.subarray(end);
    }
    if (data.length > 0) this.rest = Buffer.from(data);
    return { frames, error: null };
  }
}

/** An exception reply to `functionCode`, or null when the PDU is not one. */
function exceptionOf(pdu: Uint8Array, functionCode: FunctionCode): ReplyOutcome<never> | null {
  if (pdu[0] !== (functionCode | 0x80)) return null;
  if (pdu.length !== 2)
    return { kind: 'malformed', reason: `exception reply of ${pdu.length} bytes, expected 2` };
  return { kind: 'exception', code: pdu[1] ?? 0 };
}

function wrongFunction(pdu: Uint8Array, functionCode: FunctionCode): ReplyOutcome<never> {
  return {
    kind: 'malformed',
    reason: `reply has function code ${hex(pdu[0] ?? 0)}, expected ${hex(functionCode)}`,
  };
}

/** The registers of a reply to a read of `count` registers. */
export function decodeReadReply(
  pdu: Uint8Array,
  functionCode: 3 | 4,
  count: number,
): ReplyOutcome<number[]> {
  const exception = exceptionOf(pdu, functionCode);
  if (exception !== null) return exception;
  if (pdu[0] !== functionCode) return wrongFunction(pdu, functionCode);
  const bytes = pdu[1] ?? 0;
  if (bytes !== count * 2 || pdu.length !== 2 + bytes) {
    return {
      kind: 'malformed',
      reason: `reply carries ${Math.max(0, pdu.length - 2)} data bytes (byte count ${bytes}), expected ${count * 2}`,
    };
  }
  const registers = new Array<number>(count);
  for (let i = 0; i < count; i++)
    registers[i] = ((pdu[2 + i * 2] ?? 0) << 8) | (pdu[3 + i * 2] ?? 0);
  return { kind: 'value', value: registers };
}

/** Whether a reply confirms a write of `count` registers at `address`. */
export function decodeWriteReply(
  pdu: Uint8Array,
  address: number,
  count: number,
): ReplyOutcome<undefined> {
  const exception = exceptionOf(pdu, 16);
  if (exception !== null) return exception;
  if (pdu[0] !== 16) return wrongFunction(pdu, 16);
  const echoed =
    pdu.length === 5
      ? [((pdu[1] ?? 0) << 8) | (pdu[2] ?? 0), ((pdu[3] ?? 0) << 8) | (pdu[4] ?? 0)]
      : null;
  if (echoed === null || echoed[0] !== address || echoed[1] !== count) {
    return {
      kind: 'malformed',
      reason: `write reply does not echo address ${address} and count ${count}`,
    };
  }
  return { kind: 'value', value: undefined };
}

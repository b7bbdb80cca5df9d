import type { CanFrame } from './can-transport';

/**
 * Facts about classic CAN frames that every transport checks the same way, so a bad frame
 * gets the same clear message whichever transport (memory, SocketCAN, slcan) refuses it.
 */

/** Highest 11-bit (standard) identifier. */
export const MAX_STANDARD_CAN_ID = 0x7ff;
/** Highest 29-bit (extended) identifier. */
export const MAX_EXTENDED_CAN_ID = 0x1fffffff;
/** Classic CAN carries at most 8 data bytes. */
export const MAX_CAN_DATA_LENGTH = 8;

/**
 * Any value as text for an error message. String() itself throws for an object without a
 * usable toString (a null-prototype object, `{"toString": 0}` from a JSON log).
 */
export function describeValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Formats an id the way CAN tools print it, e.g. `0x351`. */
export function formatCanId(id: number): string {
  if (!Number.isInteger(id) || id < 0) return String(id);
  return `0x${id.toString(16).toUpperCase().padStart(3, '0')}`;
}

/**
 * Checks that a frame can go on a classic CAN bus.
 * @returns null when the frame is valid, else a sentence naming what is wrong.
 */
export function checkCanFrame(frame: CanFrame): string | null {
  // Frames can come from untyped sources (native addons, JSON logs): check shapes, not just values.
  const candidate = frame as Partial<CanFrame> | null | undefined;
  if (typeof candidate !== 'object' || candidate === null) return 'a CAN frame must be an object';
  const { id, data, extended } = candidate;
  const maxId = extended === true ? MAX_EXTENDED_CAN_ID : MAX_STANDARD_CAN_ID;
  const kind = extended === true ? '29-bit' : '11-bit';
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > maxId) {
    return `CAN id ${typeof id === 'number' ? formatCanId(id) : describeValue(id)} is out of range for a ${kind} frame (0..${formatCanId(maxId)})`;
  }
  if (!(data instanceof Uint8Array)) {
    return `CAN frame ${formatCanId(id)} has no byte data (expected a Uint8Array)`;
  }
  if (data.length > MAX_CAN_DATA_LENGTH) {
    return `CAN frame ${formatCanId(id)} has ${data.length} data bytes; classic CAN allows at most ${MAX_CAN_DATA_LENGTH}`;
  }
  return null;
}

/** Formats a frame as `0x351 [8] 01 02 ...` for logs and error messages. */
export function formatCanFrame(frame: CanFrame): string {
  const bytes = Array.from(frame.data, (b) => b.toString(16).toUpperCase().padStart(2, '0'));
  return `${formatCanId(frame.id)} [${frame.data.length}] ${bytes.join(' ')}`.trimEnd();
}

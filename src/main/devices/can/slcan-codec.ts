import { checkCanFrame } from './can-frame';
import type { CanFrame } from './can-transport';

/**
 * The Lawicel / slcan ASCII protocol spoken by USB-CAN adapters such as CANable and USBtin:
 * commands and frames are short ASCII lines ended by CR; the adapter answers CR for OK and
 * BEL for an error. Pure functions, so the serial transport only moves bytes.
 *
 * Frames: `tIIILDD..` (11-bit id, 3 hex digits, length digit, data) and `TIIIIIIIILDD..`
 * (29-bit). Adapters with timestamps on append 4 hex digits, which are ignored here.
 */

/** Carriage return, the line terminator. */
export const SLCAN_CR = '\r';
/** BEL, the adapter's error reply. */
const BEL = 0x07;
/** Longest legal line is 30 characters; anything far longer is noise, not a frame. */
export const SLCAN_MAX_LINE = 64;

/** CAN bitrates an slcan adapter can be set to, with their `Sn` command (Lawicel table). */
export const SLCAN_BITRATES: ReadonlyMap<number, string> = new Map([
  [10_000, 'S0'],
  [20_000, 'S1'],
  [50_000, 'S2'],
  [100_000, 'S3'],
  [125_000, 'S4'],
  [250_000, 'S5'],
  [500_000, 'S6'],
  [800_000, 'S7'],
  [1_000_000, 'S8'],
]);

/**
 * The command that sets a bitrate, e.g. `S6` for 500 kbit/s.
 * @throws RangeError listing the supported bitrates.
 */
export function slcanBitrateCommand(bitrate: number): string {
  const command = SLCAN_BITRATES.get(bitrate);
  if (command === undefined) {
    const known = [...SLCAN_BITRATES.keys()].join(', ');
    throw new RangeError(`slcan bitrate ${bitrate} is not supported (one of ${known})`);
  }
  return command;
}

const hex = (value: number, digits: number): string =>
  value.toString(16).toUpperCase().padStart(digits, '0');

/**
 * Encodes a frame as a transmit command, CR included (e.g. `t3058000000000000000\r`).
 * @throws RangeError when the frame is not a valid classic CAN frame.
 */
export function encodeSlcanFrame(frame: CanFrame): string {
  const problem = checkCanFrame(frame);
  if (problem !== null) throw new RangeError(problem);
  const head = frame.extended === true ? `T${hex(frame.id, 8)}` : `t${hex(frame.id, 3)}`;
  const data = Array.from(frame.data, (b) => hex(b, 2)).join('');
  return `${head}${frame.data.length}${data}${SLCAN_CR}`;
}

/** What one line from the adapter means. */
export type SlcanLine =
  | { readonly kind: 'frame'; readonly frame: CanFrame }
  /** Empty line: the adapter's OK to a command. */
  | { readonly kind: 'ok' }
  /** `z` / `Z`: a transmit acknowledged. */
  | { readonly kind: 'ack' }
  /** A remote (RTR) frame: carries no data, a BMS never sends one. */
  | { readonly kind: 'remote' }
  /** Version, serial number, status or a command echoed by a peer: nothing to act on. */
  | { readonly kind: 'other'; readonly text: string }
  | { readonly kind: 'malformed'; readonly reason: string };

const HEX = /^[0-9A-Fa-f]+$/;

function printable(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

function decodeFrameLine(line: string, extended: boolean): SlcanLine {
  const idDigits = extended ? 8 : 3;
  const head = 1 + idDigits;
  const idText = line.slice(1, head);
  const lengthText = line.slice(head, head + 1);
  if (idText.length < idDigits || !HEX.test(idText) || !/^[0-8]$/.test(lengthText)) {
    return {
      kind: 'malformed',
      reason: `slcan line ${printable(line)} has no valid id and length`,
    };
  }
  const length = Number(lengthText);
  const dataText = line.slice(head + 1);
  // Some adapters append a 4-digit timestamp after the data.
  if (
    (dataText.length !== length * 2 && dataText.length !== length * 2 + 4) ||
    (dataText !== '' && !HEX.test(dataText))
  ) {
    return {
      kind: 'malformed',
      reason: `slcan line ${printable(line)}: expected ${length} data byte(s)`,
    };
  }
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = parseInt(dataText.slice(i * 2, i * 2 + 2), 16);
  const frame: CanFrame = extended
    ? { id: parseInt(idText, 16), data, extended: true }
    : { id: parseInt(idText, 16), data };
  const problem = checkCanFrame(frame);
  return problem === null
    ? { kind: 'frame', frame }
    : { kind: 'malformed', reason: `slcan line ${printable(line)}: ${problem}` };
}

/** Decodes one line (without its CR). Never throws. */
export function decodeSlcanLine(line: string): SlcanLine {
  const first = line.charAt(0);
  if (line === '') return { kind: 'ok' };
  if (first === 't') return decodeFrameLine(line, false);
  if (first === 'T') return decodeFrameLine(line, true);
  if (first === 'r' || first === 'R') return { kind: 'remote' };
  if ((first === 'z' || first === 'Z') && line.length === 1) return { kind: 'ack' };
  return { kind: 'other', text: line };
}

/** An event from the byte stream: a decoded line, or the adapter's BEL error reply. */
export type SlcanEvent = SlcanLine | { readonly kind: 'error' };

/**
 * Splits the adapter's byte stream into lines and decodes them. Bytes arrive in arbitrary
 * chunks, so a line may span several; a BEL is an event of its own wherever it appears.
 */
export class SlcanStreamDecoder {
  private partial = '';
  /** Set after an over-long line: its rest is skipped up to the next terminator. */
  private discarding = false;

  /** Feeds bytes; returns the events they complete. Never throws, whatever the bytes. */
  push(chunk: Uint8Array): SlcanEvent[] {
    const events: SlcanEvent[] = [];
    for (const byte of chunk) {
      if (byte === BEL) {
        events.push({ kind: 'error' });
      } else if (byte === 0x0d || byte === 0x0a) {
        // LF as well as CR: some adapters end lines with CR LF; the LF after a CR is skipped.
        if (!this.discarding && (byte === 0x0d || this.partial !== '')) {
          events.push(decodeSlcanLine(this.partial));
        }
        this.partial = '';
        this.discarding = false;
      } else if (this.discarding) {
        continue;
      } else if (this.partial.length >= SLCAN_MAX_LINE) {
        events.push({
          kind: 'malformed',
          reason: `slcan line longer than ${SLCAN_MAX_LINE} characters discarded`,
        });
        this.partial = '';
        this.discarding = true;
      } else {
        this.partial += String.fromCharCode(byte);
      }
    }
    return events;
  }
}

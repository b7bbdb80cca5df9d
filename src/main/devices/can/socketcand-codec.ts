import { MAX_CAN_DATA_LENGTH, checkCanFrame } from './can-frame';
import type { CanFrame } from './can-transport';

/**
 * The text protocol of linux-can's socketcand (a CAN bus behind a TCP gateway), raw mode:
 * every message is `< word args... >`. The server greets `< hi >`; the client sends
 * `< open can0 >` and `< rawmode >`, each answered `< ok >` (or `< error text >`); then the
 * server streams `< frame ID SECS.USECS DATA >` and the client sends `< send ID LEN B0 B1 .. >`.
 * Ids of 8 hex digits are 29-bit. Pure functions: the client, the server and the tests share them.
 */

/** socketcand's registered TCP port (stated in src/shared, where the site schema defaults to it). */
export { SOCKETCAND_DEFAULT_PORT } from '../../../shared/can-transport-spec';
/** No legal message comes near this; a longer run without `>` is noise and is dropped. */
export const SOCKETCAND_MAX_MESSAGE = 256;

/** One parsed message. */
export type SocketcandMessage =
  | { readonly kind: 'hi' }
  | { readonly kind: 'ok' }
  | { readonly kind: 'echo' }
  | { readonly kind: 'error'; readonly text: string }
  | { readonly kind: 'open'; readonly bus: string }
  | { readonly kind: 'rawmode' }
  /** A received frame; `timeS` is the gateway's receive time in seconds since the epoch. */
  | { readonly kind: 'frame'; readonly frame: CanFrame; readonly timeS: number }
  | { readonly kind: 'send'; readonly frame: CanFrame }
  /** A well-formed command this implementation does not use (bcmmode, add, filter, ...). */
  | { readonly kind: 'other'; readonly command: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const hex = (value: number, digits: number): string =>
  value.toString(16).toUpperCase().padStart(digits, '0');

function idText(frame: CanFrame): string {
  return frame.extended === true ? hex(frame.id, 8) : hex(frame.id, 3);
}

/** `< frame 351 1700000000.123456 0102 >` for a frame received at `timeMs` (epoch ms). */
export function formatFrameMessage(frame: CanFrame, timeMs: number): string {
  const totalUs = Math.max(0, Math.round(timeMs * 1000));
  const seconds = Math.floor(totalUs / 1_000_000);
  const micros = String(totalUs % 1_000_000).padStart(6, '0');
  const data = Array.from(frame.data, (b) => hex(b, 2)).join('');
  // The data field is always present (possibly empty) so clients that split on spaces find it.
  return `< frame ${idText(frame)} ${seconds}.${micros} ${data} >`;
}

/** `< send 305 8 00 00 00 00 00 00 00 00 >`. */
export function formatSendCommand(frame: CanFrame): string {
  const bytes = Array.from(frame.data, (b) => ` ${hex(b, 2)}`).join('');
  return `< send ${idText(frame)} ${frame.data.length}${bytes} >`;
}

function parseId(text: string | undefined): { id: number; extended: boolean } | string {
  if (text === undefined || !/^[0-9A-Fa-f]{1,8}$/.test(text)) return `bad CAN id "${text ?? ''}"`;
  return { id: parseInt(text, 16), extended: text.length === 8 };
}

function toFrame(idToken: string | undefined, bytes: number[]): CanFrame | string {
  const id = parseId(idToken);
  if (typeof id === 'string') return id;
  const frame: CanFrame = id.extended
    ? { id: id.id, data: Uint8Array.from(bytes), extended: true }
    : { id: id.id, data: Uint8Array.from(bytes) };
  return checkCanFrame(frame) ?? frame;
}

/** Data bytes as one run of hex pairs ("0102") or as separate 1-2 digit tokens ("1 2"). */
function parseData(tokens: readonly string[]): number[] | string {
  const pairs = tokens.length === 1 && (tokens[0] ?? '').length > 2 ? (tokens[0] ?? '') : null;
  const parts = pairs !== null ? (pairs.match(/.{1,2}/g) ?? []) : tokens;
  if (pairs !== null && pairs.length % 2 !== 0) return `odd number of hex digits in "${pairs}"`;
  if (parts.length > MAX_CAN_DATA_LENGTH) return `${parts.length} data bytes; classic CAN allows 8`;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^[0-9A-Fa-f]{1,2}$/.test(part)) return `bad data byte "${part}"`;
    bytes.push(parseInt(part, 16));
  }
  return bytes;
}

function parseFrame(args: readonly string[]): SocketcandMessage {
  const [id, time, ...rest] = args;
  const timeS = Number(time);
  if (time === undefined || !/^\d+(\.\d+)?$/.test(time))
    return invalid(`frame with bad time "${time ?? ''}"`);
  const bytes = parseData(rest);
  if (typeof bytes === 'string') return invalid(`frame: ${bytes}`);
  const frame = toFrame(id, bytes);
  return typeof frame === 'string' ? invalid(`frame: ${frame}`) : { kind: 'frame', frame, timeS };
}

function parseSend(args: readonly string[]): SocketcandMessage {
  const [id, length, ...rest] = args;
  if (length === undefined || !/^[0-8]$/.test(length))
    return invalid(`send with bad length "${length ?? ''}"`);
  const bytes = parseData(rest);
  if (typeof bytes === 'string') return invalid(`send: ${bytes}`);
  if (bytes.length !== Number(length))
    return invalid(`send says ${length} byte(s) but carries ${bytes.length}`);
  const frame = toFrame(id, bytes);
  return typeof frame === 'string' ? invalid(`send: ${frame}`) : { kind: 'send', frame };
}

function invalid(reason: string): SocketcandMessage {
  return { kind: 'invalid', reason };
}

/** Parses the text between `<` and `>`. Never throws. */
export function parseSocketcandMessage(body: string): SocketcandMessage {
  const [command = '', ...args] = body.trim().split(/\s+/);
  switch (command) {
    case 'hi':
      return { kind: 'hi' };
    case 'ok':
      return { kind: 'ok' };
    case 'echo':
      return { kind: 'echo' };
    case 'rawmode':
      return { kind: 'rawmode' };
    case 'error':
      return { kind: 'error', text: args.join(' ') };
    case 'open':
      return args.length === 1 && args[0] !== undefined
        ? { kind: 'open', bus: args[0] }
        : invalid('open needs one bus name');
    case 'frame':
      return parseFrame(args);
    case 'send':
      return parseSend(args);
    case '':
      return invalid('empty message');
    default:
      return /^[a-z_]+$/.test(command)
        ? { kind: 'other', command }
        : invalid(`unknown command "${command.slice(0, 20)}"`);
  }
}

/**
 * Splits a TCP text stream into message bodies. Text arrives in arbitrary pieces; anything
 * outside `< >` is skipped, and a `<` that never closes is dropped after
 * {@link SOCKETCAND_MAX_MESSAGE} characters so a bad peer cannot grow memory.
 */
export class SocketcandTokenizer {
  private buffer = '';

  /** Feeds text; returns complete message bodies and how many characters were thrown away. */
  push(text: string): { messages: string[]; dropped: number } {
    const messages: string[] = [];
    const buffer = this.buffer + text;
    let dropped = 0;
    let pos = 0;
    for (;;) {
      const start = buffer.indexOf('<', pos);
      if (start < 0) {
        dropped += buffer.slice(pos).trim().length;
        pos = buffer.length;
        break;
      }
      dropped += buffer.slice(pos, start).trim().length;
      const end = buffer.indexOf('>', start);
      const next = buffer.indexOf('<', start + 1);
      if (next >= 0 && (end < 0 || next < end)) {
        // A second '<' before any '>': the first message was cut off.
        dropped += next - start;
        pos = next;
        continue;
      }
      if (end < 0) {
        pos = start;
        break;
      }
      messages.push(buffer.slice(start + 1, end));
      pos = end + 1;
    }
    this.buffer = buffer.slice(pos);
    if (this.buffer.length > SOCKETCAND_MAX_MESSAGE) {
      dropped += this.buffer.length;
      this.buffer = '';
    }
    return { messages, dropped };
  }
}

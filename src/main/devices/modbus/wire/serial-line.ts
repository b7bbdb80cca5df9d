/**
 * Serial line settings of an RS-485 Modbus RTU bus and the timing the RTU spec derives from
 * them. Pure: the site schema, the bus and the tests share it.
 */

/** Parity of a serial line. */
export type SerialParity = 'none' | 'even' | 'odd';

/** How one serial port is driven: every device on the port must agree on all of it. */
export interface SerialLine {
  /** "/dev/ttyUSB0" on Linux, "COM4" on Windows. */
  readonly device: string;
  readonly baudRate: number;
  readonly parity: SerialParity;
  readonly dataBits: 7 | 8;
  readonly stopBits: 1 | 2;
}

/** Bits on the wire per character: start bit, data bits, parity bit if any, stop bits. */
export function bitsPerCharacter(line: SerialLine): number {
  return 1 + line.dataBits + (line.parity === 'none' ? 0 : 1) + line.stopBits;
}

/**
 * The silence the RTU spec requires between frames, ms: 3.5 character times, or a fixed
 * 1.75 ms above 19200 baud (where 3.5 characters would be too short for UART timers).
 */
export function interFrameSilenceMs(line: SerialLine): number {
  if (line.baudRate > 19200) return 1.75;
  return (3.5 * bitsPerCharacter(line) * 1000) / line.baudRate;
}

/** "9600 8N1": the line settings as a technician writes them. */
export function describeLine(line: SerialLine): string {
  const parity = line.parity === 'none' ? 'N' : line.parity === 'even' ? 'E' : 'O';
  return `${line.baudRate} ${line.dataBits}${parity}${line.stopBits}`;
}

/** Whether two devices' settings for the same port agree. */
export function sameLine(a: SerialLine, b: SerialLine): boolean {
  return describeLine(a) === describeLine(b);
}

import { z } from 'zod';
import { SLCAN_BITRATES } from './slcan-codec';
import { SOCKETCAND_DEFAULT_PORT } from './socketcand-codec';

/**
 * How a site reaches its CAN bus: the `bms.transport` entry of a site file. Defined beside the
 * transports so the site schema and the factory cannot disagree about a field.
 */

const interfaceName = z
  .string()
  .regex(
    /^[A-Za-z0-9_.-]{1,15}$/,
    'a network interface name such as can0 (letters, digits, _ . -)',
  );

/** The embedded simulator's in-process bus; only the built-in simulated site has one. */
export const memoryTransportSpecSchema = z.strictObject({ type: z.literal('memory') });

/** Linux SocketCAN (needs the optional socketcan module and a CAN interface). */
export const socketcanTransportSpecSchema = z.strictObject({
  type: z.literal('socketcan'),
  interface: interfaceName,
});

/** An slcan (Lawicel ASCII) USB adapter on a serial device. */
export const slcanTransportSpecSchema = z.strictObject({
  type: z.literal('slcan'),
  /** Serial device: /dev/ttyACM0 on Linux, /dev/cu.usbmodem... on macOS, COM5 on Windows. */
  device: z.string().min(1).max(256),
  bitrate: z
    .number()
    .int()
    .refine((b) => SLCAN_BITRATES.has(b), {
      message: `one of ${[...SLCAN_BITRATES.keys()].join(', ')}`,
    })
    .default(500_000),
  serialBaudRate: z.number().int().min(1200).max(4_000_000).default(115_200),
});

/** A socketcand gateway on the network. */
export const socketcandTransportSpecSchema = z.strictObject({
  type: z.literal('socketcand'),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(SOCKETCAND_DEFAULT_PORT),
  /** The gateway's CAN interface, e.g. can0. */
  interface: interfaceName,
});

/** A `candump -l` log replayed with its recorded timing. */
export const replayTransportSpecSchema = z.strictObject({
  type: z.literal('replay'),
  /** The log file; a relative path is read from the site file's folder. */
  file: z.string().min(1),
  /** 1 = recorded timing, 2 = twice as fast, 0 = as fast as possible. */
  speed: z.number().min(0).max(1000).default(1),
  loop: z.boolean().default(false),
});

/** Any transport a site file can name. */
export const canTransportSpecSchema = z.discriminatedUnion('type', [
  memoryTransportSpecSchema,
  socketcanTransportSpecSchema,
  slcanTransportSpecSchema,
  socketcandTransportSpecSchema,
  replayTransportSpecSchema,
]);

/** A transport entry as parsed (defaults applied). */
export type CanTransportSpec = z.infer<typeof canTransportSpecSchema>;

import { z } from 'zod';

/**
 * How a site reaches its CAN bus: the `bms.transport` entry of a site file. Shared, so the
 * renderer's site form validates with the same rules and messages as `--site`; the
 * transports' own constants are held equal to these by can-transport-spec.test.ts.
 */

/** CAN bitrates an slcan adapter can be set to (the Lawicel `Sn` table; see slcan-codec.ts). */
export const SLCAN_BITRATE_VALUES: readonly number[] = [
  10_000, 20_000, 50_000, 100_000, 125_000, 250_000, 500_000, 800_000, 1_000_000,
];

/** socketcand's usual TCP port. */
export const SOCKETCAND_DEFAULT_PORT = 29536;

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
    .refine((b) => SLCAN_BITRATE_VALUES.includes(b), {
      message: `one of ${SLCAN_BITRATE_VALUES.join(', ')}`,
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

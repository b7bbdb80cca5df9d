import { z } from 'zod';
import { REGISTER_TYPES, WORD_ORDERS } from './codec';

/** Word order of 32-bit values: big = high word first (Modbus' usual), little = low word first. */
export const wordOrderSchema = z.enum(WORD_ORDERS);

/** A point's name, as profiles use it to refer to one another's points. */
export const pointNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a point name: letters, digits, _');

/** One Modbus point. */
export const pointSchema = z.strictObject({
  /**
   * Register address. With absolute addressing, the 0-based protocol address. With SunSpec
   * addressing, the point's offset inside its model as the SunSpec model JSON counts it
   * (the model's ID register is offset 0, its length register offset 1).
   */
  address: z.number().int().min(0).max(65535),
  /** SunSpec model id the point belongs to (required with SunSpec addressing). */
  model: z.number().int().min(1).max(65534).optional(),
  kind: z.enum(['holding', 'input']).default('holding'),
  type: z.enum(REGISTER_TYPES),
  /** Overrides the profile's word order for this point. */
  wordOrder: wordOrderSchema.optional(),
  /** Engineering value = raw x scale (applied after the scale-factor point, if any). */
  scale: z.number().finite().positive().optional(),
  /** Name of an int16 point holding a SunSpec scale factor: value = raw x 10^sf. */
  scaleFactorPoint: pointNameSchema.optional(),
  /** Unit of the engineering value (W, %, V, A, s, ...). */
  unit: z.string().max(16).default(''),
  /** Whether the EMS may write it. */
  access: z.enum(['r', 'rw']).default('r'),
});
/** One Modbus point, as parsed. */
export type PointSpec = z.infer<typeof pointSchema>;

/** A sign between a device's convention and the project's: 1 the same, -1 reversed. */
export const signSchema = z.union([z.literal(1), z.literal(-1)]);

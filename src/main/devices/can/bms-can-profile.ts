import { z } from 'zod';
import {
  MAX_CAN_DATA_LENGTH,
  MAX_EXTENDED_CAN_ID,
  MAX_STANDARD_CAN_ID,
  formatCanId,
} from './can-frame';

/**
 * The BMS-over-CAN profile format: which frames a battery sends and where each field sits.
 * Decoder, encoder and assembler read this data instead of hard-wiring one protocol, so a
 * protocol variant (Pylontech v1.3, SMA-style alarm pairs, a vendor with other scaling) is a
 * new profile (a JSON file checked with {@link bmsCanProfileSchema}), not new code.
 *
 * Numeric field names are the canonical names the assembler maps to a BmsReading
 * (e.g. `socPct`, `voltageV`, `chargeCurrentLimitA`); see bms-assembler.ts.
 */

const fieldNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a field name: letters, digits, _');
/**
 * A CAN id: a number, or a hex string such as "0x351" (how CAN tools and manuals print ids;
 * JSON has no hex literals). Always a number after parsing.
 */
export const canIdSchema = z.union([
  z.number().int().min(0).max(MAX_EXTENDED_CAN_ID),
  z
    .string()
    .regex(/^0[xX][0-9A-Fa-f]{1,8}$/, 'a CAN id: a number or a hex string like "0x351"')
    .transform((text) => parseInt(text.slice(2), 16))
    .pipe(z.number().max(MAX_EXTENDED_CAN_ID, 'a CAN id of at most 0x1FFFFFFF')),
]);
const offsetSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_CAN_DATA_LENGTH - 1);

/** A little- or big-endian 8/16-bit integer; engineering value = raw x scale. */
export const numericFieldSchema = z.strictObject({
  name: fieldNameSchema,
  type: z.enum(['u8', 'u16', 's16']),
  /** First byte of the field. */
  offset: offsetSchema,
  /** Byte order; Pylontech and SMA use little. Default little. */
  endian: z.enum(['little', 'big']).optional(),
  /** Engineering value = raw x scale. Negative flips the sign (a vendor with the other convention). Default 1. */
  scale: z
    .number()
    .finite()
    .refine((s) => s !== 0, 'scale must not be 0')
    .optional(),
  unit: z.string().max(16).optional(),
  /** When true a frame too short for this field is still valid; the field is then absent. */
  optional: z.boolean().optional(),
});

/** Fixed-width text, e.g. the manufacturer name; read up to `length` bytes, padding stripped. */
export const asciiFieldSchema = z.strictObject({
  name: fieldNameSchema,
  type: z.literal('ascii'),
  offset: offsetSchema,
  length: z.number().int().min(1).max(MAX_CAN_DATA_LENGTH),
  optional: z.boolean().optional(),
});

/** What a set bit (group) means: a boolean field, or an alarm / warning code. */
export const bitRoleSchema = z.enum(['flag', 'alarm', 'warning']);

/**
 * One bit (or a group of `width` bits, as in SMA's two-bit alarm pairs) of a bits byte.
 * Active when the group's value equals `activeValue` (default: all ones).
 */
export const bitSpecSchema = z.strictObject({
  bit: z.number().int().min(0).max(7),
  width: z.number().int().min(1).max(8).optional(),
  activeValue: z.number().int().min(0).max(255).optional(),
  /** What the encoder writes when inactive. Default 0. */
  inactiveValue: z.number().int().min(0).max(255).optional(),
  role: bitRoleSchema,
  /** Field name (role flag) or alarm / warning code (e.g. CELL_OVER_VOLTAGE). */
  name: fieldNameSchema,
});

/** A byte of independent bits. */
export const bitsFieldSchema = z.strictObject({
  type: z.literal('bits'),
  offset: offsetSchema,
  bits: z.array(bitSpecSchema).min(1),
  optional: z.boolean().optional(),
});

/** Any field of a frame. */
export const fieldSpecSchema = z.discriminatedUnion('type', [
  numericFieldSchema,
  asciiFieldSchema,
  bitsFieldSchema,
]);

/** One frame the BMS sends. */
export const frameSpecSchema = z.strictObject({
  id: canIdSchema,
  extended: z.boolean().optional(),
  /** What it carries, for people reading logs. */
  label: z.string().max(64),
  /** The length an encoder sends (a decoder accepts any length that holds the required fields). */
  length: z.number().int().min(0).max(MAX_CAN_DATA_LENGTH),
  fields: z.array(fieldSpecSchema),
});

/** The frame the EMS sends so the BMS knows its peer is alive. */
export const keepaliveSpecSchema = z.strictObject({
  id: canIdSchema,
  /** The bytes sent, 0..255 each. */
  data: z.array(z.number().int().min(0).max(255)).max(MAX_CAN_DATA_LENGTH),
  periodMs: z.number().int().min(10).max(60_000),
});

/** A whole BMS CAN profile. */
export const bmsCanProfileSchema = z
  .strictObject({
    name: z.string().min(1).max(64),
    /** Where the layout comes from and what sets it apart, for the people who maintain it. */
    description: z.string().max(1000).optional(),
    frames: z.array(frameSpecSchema).min(1),
    /** Frames that must all have been seen before a reading is built. */
    essentialIds: z.array(canIdSchema).min(1),
    keepalive: keepaliveSpecSchema.optional(),
  })
  .superRefine((profile, ctx) => {
    for (const problem of profileProblems(profile))
      ctx.addIssue({ code: 'custom', message: problem });
  });

/** A numeric field. */
export type NumericFieldSpec = z.infer<typeof numericFieldSchema>;
/** A text field. */
export type AsciiFieldSpec = z.infer<typeof asciiFieldSchema>;
/** One bit (group) of a bits field. */
export type BitSpec = z.infer<typeof bitSpecSchema>;
/** A bits field. */
export type BitsFieldSpec = z.infer<typeof bitsFieldSchema>;
/** Any field. */
export type FieldSpec = z.infer<typeof fieldSpecSchema>;
/** One frame. */
export type FrameSpec = z.infer<typeof frameSpecSchema>;
/** The keepalive frame. */
export type KeepaliveSpec = z.infer<typeof keepaliveSpecSchema>;
/** A BMS CAN profile. */
export type BmsCanProfile = z.infer<typeof bmsCanProfileSchema>;

/** Bytes a field occupies: [first, end). */
export function fieldExtent(field: FieldSpec): { start: number; end: number } {
  const size =
    field.type === 'u16' || field.type === 's16' ? 2 : field.type === 'ascii' ? field.length : 1;
  return { start: field.offset, end: field.offset + size };
}

/** Consistency rules a schema alone cannot state; each entry names the frame and field. */
function profileProblems(profile: {
  frames: readonly FrameSpec[];
  essentialIds: readonly number[];
}): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const frame of profile.frames) {
    const where = `frame ${formatCanId(frame.id)}`;
    const key = `${frame.extended === true ? 'x' : 's'}${frame.id}`;
    if (ids.has(key)) problems.push(`${where} is listed twice`);
    if (frame.extended !== true && frame.id > MAX_STANDARD_CAN_ID) {
      problems.push(`${where} is above 0x7FF: set "extended": true for a 29-bit id`);
    }
    ids.add(key);
    for (const field of frame.fields) {
      const { end } = fieldExtent(field);
      const label = field.type === 'bits' ? `bits at byte ${field.offset}` : field.name;
      if (end > MAX_CAN_DATA_LENGTH) problems.push(`${where}: ${label} ends past byte 8`);
      else if (field.optional !== true && end > frame.length) {
        problems.push(`${where}: required ${label} ends past the frame's length ${frame.length}`);
      }
      const fieldNames =
        field.type === 'bits'
          ? field.bits.filter((b) => b.role === 'flag').map((b) => b.name)
          : [field.name];
      for (const name of fieldNames) {
        if (names.has(name)) problems.push(`${where}: field name ${name} is used twice`);
        names.add(name);
      }
      if (field.type === 'bits') {
        for (const b of field.bits) {
          const width = b.width ?? 1;
          if (b.bit + width > 8) problems.push(`${where}: ${b.name} runs past bit 7`);
          const max = (1 << width) - 1;
          if ((b.activeValue ?? max) > max || (b.inactiveValue ?? 0) > max) {
            problems.push(`${where}: ${b.name} has a value wider than its ${width} bit(s)`);
          }
        }
      }
    }
  }
  for (const id of profile.essentialIds) {
    if (!profile.frames.some((f) => f.id === id)) {
      problems.push(`essential id ${formatCanId(id)} has no frame in the profile`);
    }
  }
  return problems;
}

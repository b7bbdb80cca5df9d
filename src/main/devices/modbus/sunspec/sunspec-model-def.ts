/**
 * The shape of the project's own SunSpec point tables. Each table lists the fixed block of one
 * model: every point with its offset (counted as SunSpec does: ID = 0, L = 1), its SunSpec
 * type, the scale-factor point it is scaled by, its units and whether it is writable. Sizes
 * follow from the types (strings and pads from the next offset), so a table cannot claim a
 * size its offsets contradict. sunspec-tables.test.ts checks every table against the official
 * SunSpec model JSON.
 */

/** SunSpec point types the tables use. */
export const SUNSPEC_POINT_TYPES = [
  'int16',
  'uint16',
  'acc16',
  'count',
  'enum16',
  'bitfield16',
  'sunssf',
  'pad',
  'int32',
  'uint32',
  'acc32',
  'enum32',
  'bitfield32',
  'float32',
  'int64',
  'uint64',
  'acc64',
  'string',
] as const;
/** A SunSpec point type. */
export type SunSpecPointType = (typeof SUNSPEC_POINT_TYPES)[number];

/** Registers of each fixed-size type; strings (and pads) take their size from the table. */
const FIXED_SIZES: Partial<Record<SunSpecPointType, number>> = {
  int16: 1,
  uint16: 1,
  acc16: 1,
  count: 1,
  enum16: 1,
  bitfield16: 1,
  sunssf: 1,
  int32: 2,
  uint32: 2,
  acc32: 2,
  enum32: 2,
  bitfield32: 2,
  float32: 2,
  int64: 4,
  uint64: 4,
  acc64: 4,
};

/** Registers a point of this type occupies; undefined for string and pad (sized by the table). */
export function fixedSize(type: SunSpecPointType): number | undefined {
  return FIXED_SIZES[type];
}

/** One point of a model's fixed block. */
export interface SunSpecPointDef {
  readonly name: string;
  /** Offset inside the model: ID = 0, L = 1, first body register = 2. */
  readonly offset: number;
  /** Registers it occupies. */
  readonly size: number;
  readonly type: SunSpecPointType;
  /** Name of the sunssf point of the same model that scales it. */
  readonly sf?: string;
  readonly units?: string;
  readonly access: 'r' | 'rw';
}

/** One model the project knows. */
export interface SunSpecModelDef {
  readonly id: number;
  /** SunSpec's short name of the model ("inverter_three_phase"). */
  readonly name: string;
  /** Registers of the fixed block after the header (the model's L without groups). */
  readonly length: number;
  /** Every point of the fixed block, ID and L included, in offset order. */
  readonly points: readonly SunSpecPointDef[];
  /** What a longer model carries after the fixed block that the project does not decode. */
  readonly notDecoded?: string;
}

/** A table row: [offset, name, type, scale-factor point, units, 'rw'] ('' where there is none). */
export type PointRow = readonly [
  offset: number,
  name: string,
  type: SunSpecPointType,
  sf?: string,
  units?: string,
  access?: 'rw',
];

/** How a model is declared. */
export interface ModelSpec {
  readonly id: number;
  readonly name: string;
  readonly length: number;
  readonly rows: readonly PointRow[];
  readonly notDecoded?: string;
}

/**
 * Turns table rows into a model definition. Throws Error naming the model and point for a
 * table that contradicts itself (offsets out of order, a gap, a point past the length, a scale
 * factor that is not a sunssf point of the model): a broken table must fail at load, not read
 * the wrong register.
 */
export function defineModel(spec: ModelSpec): SunSpecModelDef {
  const end = spec.length + 2;
  const where = (name: string): string => `SunSpec table ${spec.id} point ${name}`;
  const points = spec.rows.map(([offset, name, type, sf, units, access], i): SunSpecPointDef => {
    const next = spec.rows[i + 1]?.[0] ?? end;
    const size = FIXED_SIZES[type] ?? next - offset;
    if (offset + size !== next)
      throw new Error(`${where(name)}: size ${size} at ${offset} does not reach ${next}`);
    if (size < 1) throw new Error(`${where(name)}: size ${size}`);
    return {
      name,
      offset,
      size,
      type,
      ...(sf ? { sf } : {}),
      ...(units ? { units } : {}),
      access: access === 'rw' ? 'rw' : 'r',
    };
  });
  if (points[0]?.offset !== 0) throw new Error(`SunSpec table ${spec.id}: must start at offset 0`);
  const types = new Map(points.map((p) => [p.name, p.type]));
  if (types.size !== points.length) throw new Error(`SunSpec table ${spec.id}: duplicate names`);
  for (const p of points) {
    if (p.sf !== undefined && types.get(p.sf) !== 'sunssf')
      throw new Error(`${where(p.name)}: scale factor ${p.sf} is not a sunssf point`);
  }
  return {
    id: spec.id,
    name: spec.name,
    length: spec.length,
    points,
    ...(spec.notDecoded !== undefined ? { notDecoded: spec.notDecoded } : {}),
  };
}

import { SUNSPEC_END_ID, SUNS_MARKER } from './sunspec-resolver';

/**
 * Builds the register image of a SunSpec device: 'SunS', each model's [id, length] header and
 * body, then the end marker. For tests and simulators that need a SunSpec map to discover.
 */

/** One model of the image. */
export interface SunSpecModelImage {
  readonly id: number;
  /** Registers after the header (the model's L). */
  readonly length: number;
  /** Register values by offset, counted as SunSpec does (ID = 0, L = 1, first body register = 2). */
  readonly values?: Readonly<Record<number, number>>;
}

/** Registers from the base address on; unset body registers are 0. Throws RangeError for an offset outside its model. */
export function buildSunSpecImage(models: readonly SunSpecModelImage[]): number[] {
  const regs: number[] = [...SUNS_MARKER];
  for (const model of models) {
    const body = new Array<number>(model.length).fill(0);
    for (const [key, value] of Object.entries(model.values ?? {})) {
      const offset = Number(key);
      if (offset < 2 || offset >= model.length + 2) {
        throw new RangeError(
          `model ${model.id}: offset ${offset} is outside 2..${model.length + 1}`,
        );
      }
      body[offset - 2] = value;
    }
    regs.push(model.id, model.length, ...body);
  }
  regs.push(SUNSPEC_END_ID, 0);
  return regs;
}

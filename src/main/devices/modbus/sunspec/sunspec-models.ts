import type { SunSpecModelDef } from './sunspec-model-def';
import { MODEL_701 } from './sunspec-models-701';
import { MODEL_704 } from './sunspec-models-704';
import { MODEL_802 } from './sunspec-models-802';
import { MODEL_1, MODEL_120 } from './sunspec-models-common';
import { MODEL_123, MODEL_124 } from './sunspec-models-controls';
import { MODEL_101, MODEL_102, MODEL_103 } from './sunspec-models-inverter';
import { MODEL_201, MODEL_202, MODEL_203, MODEL_204 } from './sunspec-models-meter';
import { MODEL_121, MODEL_122 } from './sunspec-models-settings';

/**
 * The SunSpec models the project decodes, by id. Any other model a device announces is listed
 * by id and length with its raw registers.
 */

/** Every known model, by id. */
export const SUNSPEC_MODELS: ReadonlyMap<number, SunSpecModelDef> = new Map(
  [
    MODEL_1,
    MODEL_101,
    MODEL_102,
    MODEL_103,
    MODEL_120,
    MODEL_121,
    MODEL_122,
    MODEL_123,
    MODEL_124,
    MODEL_201,
    MODEL_202,
    MODEL_203,
    MODEL_204,
    MODEL_701,
    MODEL_704,
    MODEL_802,
  ].map((m) => [m.id, m]),
);

/** The table of a model id, or undefined when the project does not know it. */
export function sunspecModel(id: number): SunSpecModelDef | undefined {
  return SUNSPEC_MODELS.get(id);
}

import type { PointSpec, RegisterType } from '../profile/profile-schema';
import type { SunSpecChainView, SunSpecModelView } from '../../../../shared/sunspec-views';
import type { SunSpecPointType } from './sunspec-model-def';
import { sunspecModel } from './sunspec-models';

/**
 * Building blocks of profileFromDiscovery: profile points from the points a discovered model
 * implements, each with the scale factor it needs, renamed `m<id>_<name>` when two models
 * share a point name (103 and 802 both have W).
 */

/** Why no profile can be made from a discovery. */
export class SunSpecProfileError extends Error {
  override readonly name = 'SunSpecProfileError';
}

const REGISTER_TYPE: Partial<Record<SunSpecPointType, RegisterType>> = {
  int16: 'int16',
  sunssf: 'int16',
  uint16: 'uint16',
  acc16: 'uint16',
  count: 'uint16',
  enum16: 'uint16',
  bitfield16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  acc32: 'uint32',
  enum32: 'uint32',
  bitfield32: 'uint32',
  float32: 'float32',
};

/** The profile register type a SunSpec type is read as; undefined for strings, pads and 64-bit types. */
export function profileRegisterType(type: SunSpecPointType): RegisterType | undefined {
  return REGISTER_TYPE[type];
}

/** Collects profile points from discovered models, renaming on a clash between models. */
export class SunSpecPointSet {
  readonly points: Record<string, PointSpec> = {};
  readonly used: number[] = [];

  /**
   * Adds the `wanted` points of `model` that it implements (and their scale factors); throws
   * SunSpecProfileError when a `required` one is not implemented. Returns table name -> profile name.
   */
  add(
    model: SunSpecModelView,
    wanted: readonly string[],
    required: readonly string[] = [],
    writable: readonly string[] = [],
  ): Map<string, string> {
    const def = sunspecModel(model.id);
    const decoded = new Map(model.decoded?.points.map((p) => [p.name, p]));
    const chosen = wanted.filter(
      (n) => required.includes(n) || (decoded.get(n)?.raw ?? null) !== null,
    );
    for (const n of required) {
      const p = decoded.get(n);
      if (p === undefined || p.raw === null || (p.sf !== undefined && p.sf === null))
        throw new SunSpecProfileError(
          `model ${model.id} at ${model.address}: ${n} is not implemented`,
        );
    }
    const withSf = new Set(chosen);
    for (const n of chosen) {
      const sf = def?.points.find((p) => p.name === n)?.sf;
      if (sf !== undefined) withSf.add(sf);
    }
    const clash = [...withSf].some((n) => {
      const taken = this.points[n];
      return taken !== undefined && taken.model !== model.id;
    });
    const names = new Map([...withSf].map((n) => [n, clash ? `m${model.id}_${n}` : n]));
    for (const [n, profileName] of names) {
      const p = def?.points.find((x) => x.name === n);
      const type = p === undefined ? undefined : profileRegisterType(p.type);
      if (p === undefined || type === undefined) continue;
      this.points[profileName] = {
        model: model.id,
        address: p.offset,
        kind: 'holding',
        type,
        ...(p.sf !== undefined ? { scaleFactorPoint: names.get(p.sf) ?? p.sf } : {}),
        unit: (p.units ?? '').slice(0, 16),
        access: writable.includes(n) ? 'rw' : 'r',
      };
    }
    if (names.size > 0 && !this.used.includes(model.id)) this.used.push(model.id);
    return names;
  }
}

/** The first discovered (and decoded) model among `ids`, in chain order. */
export function firstModel(
  result: SunSpecChainView,
  ids: readonly number[],
): SunSpecModelView | undefined {
  return result.models.find((m) => ids.includes(m.id) && m.decoded !== null);
}

/** "1, 103, 124": the models discovered, for messages. */
export function modelList(result: SunSpecChainView): string {
  return result.models.map((m) => m.id).join(', ') || 'none';
}

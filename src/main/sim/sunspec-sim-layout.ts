import type { DeviceProfile, PointSpec } from '../devices/modbus/profile/profile-schema';
import { deviceProfileSchema } from '../devices/modbus/profile/profile-schema';
import { sunspecModelValues } from '../devices/modbus/sunspec/sunspec-encode';
import { buildSunSpecImage } from '../devices/modbus/sunspec/sunspec-image';
import type { SunSpecModelDef } from '../devices/modbus/sunspec/sunspec-model-def';
import { profileRegisterType } from '../devices/modbus/sunspec/sunspec-profile-points';

/**
 * The simulator's SunSpec device as an absolute-addressed profile, so the existing register
 * bank serves it with the shared codec. Built from the project's point tables and
 * buildSunSpecImage: every register of the image ('SunS', headers, every model body, end
 * marker) is a profile point, so a read anywhere in the chain is answered like a real
 * device's. Live points (and the scale factors they need) are typed points fed by the site
 * model; all others are constant registers from the image, holding their value or their
 * type's "not implemented" sentinel.
 */

/** One model the simulated device serves. */
export interface SimModelSpec {
  readonly def: SunSpecModelDef;
  /** Raw values of constant points (model 1's strings, DA, ...); the rest read "not implemented". */
  readonly constants?: Readonly<Record<string, number | string | null>>;
  /** Points whose engineering values the site model supplies (scale factors included). */
  readonly live: readonly string[];
  /** Live points the EMS may write. */
  readonly writable?: readonly string[];
}

/** The served layout. */
export interface SunSpecSimLayout {
  /** Absolute profile of every register from the base to the end marker. */
  readonly profile: DeviceProfile;
  /** Engineering values of the constant points, by profile point name. */
  readonly constants: Readonly<Record<string, number | null>>;
  /** Address of each model's ID register. */
  readonly modelAddress: ReadonlyMap<number, number>;
  /** Profile point name of a model's point. */
  pointName(model: number, name: string): string;
}

const pointName = (model: number, name: string): string => `m${model}_${name}`;

/** The role sections of the served profile, given the point-naming function. */
export type SimRoles = (
  name: (model: number, point: string) => string,
) => Pick<DeviceProfile, 'kind' | 'meter' | 'inverter'>;

/**
 * Builds the layout from `base`. Throws Error naming a live point a table lacks, or a role
 * section that names a point the layout does not serve.
 */
export function buildSunSpecSimLayout(
  name: string,
  base: number,
  models: readonly SimModelSpec[],
  roles: SimRoles,
): SunSpecSimLayout {
  const image = buildSunSpecImage(
    models.map(({ def, constants = {} }) => {
      // Everything not given reads as its type's "not implemented" value, as on a real device.
      const raws: Record<string, number | string | null> = {};
      for (const p of def.points) if (p.offset >= 2) raws[p.name] = null;
      return {
        id: def.id,
        length: def.length,
        values: sunspecModelValues(def, { ...raws, ...constants }),
      };
    }),
  );
  const points: Record<string, PointSpec> = {};
  const constants: Record<string, number | null> = {};
  const modelAddress = new Map<number, number>();
  const constant = (pointKey: string, offset: number): void => {
    points[pointKey] = {
      address: base + offset,
      kind: 'holding',
      type: 'uint16',
      unit: '',
      access: 'r',
    };
    const word = image[offset] ?? 0;
    // 0xFFFF is the uint16 sentinel: null makes the bank send exactly that word.
    constants[pointKey] = word === 0xffff ? null : word;
  };
  constant('SunS_0', 0);
  constant('SunS_1', 1);
  let offset = 2;
  for (const { def, live, writable = [] } of models) {
    modelAddress.set(def.id, base + offset);
    for (const name of live) {
      if (!def.points.some((p) => p.name === name))
        throw new Error(`model ${def.id} has no point ${name} to serve live`);
    }
    for (const p of def.points) {
      const type = profileRegisterType(p.type);
      if (live.includes(p.name) && type !== undefined) {
        points[pointName(def.id, p.name)] = {
          address: base + offset + p.offset,
          kind: 'holding',
          type,
          ...(p.sf !== undefined ? { scaleFactorPoint: pointName(def.id, p.sf) } : {}),
          unit: (p.units ?? '').slice(0, 16),
          access: writable.includes(p.name) ? 'rw' : 'r',
        };
        continue;
      }
      for (let i = 0; i < p.size; i += 1) {
        const key = p.size === 1 ? pointName(def.id, p.name) : pointName(def.id, `${p.name}_${i}`);
        constant(key, offset + p.offset + i);
      }
    }
    offset += 2 + def.length;
  }
  constant('End_ID', offset);
  constant('End_L', offset + 1);
  const profile = deviceProfileSchema.parse({
    name,
    description: `Simulated SunSpec device from ${base}: models ${models.map((m) => m.def.id).join(', ')}.`,
    addressing: { type: 'absolute' },
    points,
    ...roles(pointName),
  });
  return { profile, constants, modelAddress, pointName };
}

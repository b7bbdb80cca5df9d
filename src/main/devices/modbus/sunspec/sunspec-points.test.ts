import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registerCount } from '../profile/codec';
import type { DeviceProfile, RegisterType } from '../profile/profile-schema';
import { listBuiltinProfiles, loadProfile } from '../profile/profile-loader';

/**
 * Every point of the built-in SunSpec profiles against the official SunSpec model JSON:
 * same offset, name, type, size, scale factor and write access. A wrong offset in a profile
 * would read the wrong register on every real device, so this never skips: without the JSON it fails.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const jsonDir = process.env.SUNSPEC_JSON_DIR ?? resolve(repoRoot, '../shared/sunspec/json');

/** SunSpec point types and the register type a profile must use for them. */
const TYPE_MAP: Readonly<Record<string, RegisterType>> = {
  int16: 'int16',
  sunssf: 'int16',
  uint16: 'uint16',
  enum16: 'uint16',
  bitfield16: 'uint16',
  acc16: 'uint16',
  count: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  acc32: 'uint32',
  enum32: 'uint32',
  bitfield32: 'uint32',
  float32: 'float32',
};

interface SunSpecPoint {
  name: string;
  type: string;
  size: number;
  sf?: string | number;
  access?: string;
  offset: number;
  /** Set for a point of a repeating group (e.g. model 160's modules): the instance, from 1. */
  instance?: number;
}

type JsonPoint = Omit<SunSpecPoint, 'offset' | 'instance'>;
interface ModelJson {
  group: { points: JsonPoint[]; groups?: { name: string; points: JsonPoint[] }[] };
}

/**
 * Model 160 (multiple MPPT extension), where the reference folder lacks its JSON: the fixed
 * part and one module, as sunspec/models json/model_160.json lays them out (read through the
 * search tool), for the Fronius GEN24's PV and battery modules.
 */
const MODEL_160: ModelJson = {
  group: {
    points: [
      { name: 'ID', type: 'uint16', size: 1 },
      { name: 'L', type: 'uint16', size: 1 },
      { name: 'DCA_SF', type: 'sunssf', size: 1 },
      { name: 'DCV_SF', type: 'sunssf', size: 1 },
      { name: 'DCW_SF', type: 'sunssf', size: 1 },
      { name: 'DCWH_SF', type: 'sunssf', size: 1 },
      { name: 'Evt', type: 'bitfield32', size: 2 },
      { name: 'N', type: 'uint16', size: 1 },
      { name: 'TmsPer', type: 'uint16', size: 1 },
    ],
    groups: [
      {
        name: 'module',
        points: [
          { name: 'ID', type: 'uint16', size: 1 },
          { name: 'IDStr', type: 'string', size: 8 },
          { name: 'DCA', type: 'uint16', size: 1, sf: 'DCA_SF' },
          { name: 'DCV', type: 'uint16', size: 1, sf: 'DCV_SF' },
          { name: 'DCW', type: 'uint16', size: 1, sf: 'DCW_SF' },
          { name: 'DCWH', type: 'acc32', size: 2, sf: 'DCWH_SF' },
          { name: 'Tms', type: 'uint32', size: 2 },
          { name: 'Tmp', type: 'int16', size: 1 },
          { name: 'DCSt', type: 'enum16', size: 1 },
          { name: 'DCEvt', type: 'bitfield32', size: 2 },
        ],
      },
    ],
  },
};

/** Instances of a repeating group laid out for the check (GEN24: four MPPT modules). */
const GROUP_INSTANCES = 4;

function modelPoints(model: number): SunSpecPoint[] {
  const file = join(jsonDir, `model_${model}.json`);
  let json: ModelJson;
  if (existsSync(file)) json = JSON.parse(readFileSync(file, 'utf8')) as ModelJson;
  else if (model === 160) json = MODEL_160;
  else throw new Error(`SunSpec model JSON ${file} is missing (set SUNSPEC_JSON_DIR)`);
  let offset = 0;
  const points: SunSpecPoint[] = json.group.points.map((p) => {
    const point = { ...p, offset };
    offset += p.size;
    return point;
  });
  // A repeating group follows the fixed part, instance after instance.
  for (const group of json.group.groups ?? []) {
    for (let instance = 1; instance <= GROUP_INSTANCES; instance++) {
      for (const p of group.points) {
        points.push({ ...p, offset, instance });
        offset += p.size;
      }
    }
  }
  return points;
}

async function sunspecProfiles(): Promise<[string, DeviceProfile][]> {
  const all = await Promise.all(
    (await listBuiltinProfiles()).map(
      async (n) => [n, await loadProfile(n)] as [string, DeviceProfile],
    ),
  );
  return all.filter(([, p]) => p.addressing.type === 'sunspec');
}

/** The SunSpec JSON point a profile point sits on. */
function jsonPointOf(profile: DeviceProfile, name: string): SunSpecPoint {
  const point = profile.points[name];
  if (point?.model === undefined) throw new Error(`point ${name} has no model`);
  const found = modelPoints(point.model).find((p) => p.offset === point.address);
  if (found === undefined)
    throw new Error(
      `point ${name}: no SunSpec point starts at offset ${point.address} of model ${point.model}`,
    );
  return found;
}

describe('SunSpec reference JSON', () => {
  it(`is present in ${jsonDir}`, () => {
    expect(
      existsSync(join(jsonDir, 'model_1.json')),
      `SunSpec JSON not found in ${jsonDir}; set SUNSPEC_JSON_DIR`,
    ).toBe(true);
  });
});

describe('built-in SunSpec profiles', () => {
  it('include the meters, the storage and hybrid inverters and the Fronius GEN24', async () => {
    expect((await sunspecProfiles()).map(([n]) => n)).toEqual(
      expect.arrayContaining([
        'fronius-gen24',
        'sunspec-meter-201',
        'sunspec-meter-202',
        'sunspec-meter-203',
        'sunspec-meter-204',
        'sunspec-storage-124',
        'sunspec-hybrid-124',
      ]),
    );
  });

  it('match the SunSpec models in offset, name, type, size, scale factor and access', async () => {
    for (const [file, profile] of await sunspecProfiles()) {
      for (const [name, point] of Object.entries(profile.points)) {
        const where = `${file} ${name}`;
        const ref = jsonPointOf(profile, name);
        // Points of a repeating group need their own names (pv1DCW, batteryChargeDCW).
        if (ref.instance === undefined) expect(ref.name, `${where}: name`).toBe(name);
        else
          expect(name.endsWith(ref.name), `${where}: ${ref.name} of instance ${ref.instance}`).toBe(
            true,
          );
        expect(TYPE_MAP[ref.type], `${where}: SunSpec type ${ref.type}`).toBe(point.type);
        expect(registerCount(point.type), `${where}: size`).toBe(ref.size);
        if (typeof ref.sf === 'string') {
          expect(point.scaleFactorPoint, `${where}: scale factor`).toBe(ref.sf);
          expect(profile.points[ref.sf]?.model, `${where}: scale factor model`).toBe(point.model);
        } else {
          expect(point.scaleFactorPoint, `${where}: has no SunSpec scale factor`).toBeUndefined();
        }
        if (point.access === 'rw')
          expect(ref.access, `${where}: written but not RW in SunSpec`).toBe('RW');
        expect(point.scale ?? 1, `${where}: extra scale`).toBe(1);
      }
    }
  });

  it('command and read through the SunSpec points with the right meaning', async () => {
    for (const [file, profile] of await sunspecProfiles()) {
      const nameAt = (point: string | undefined): string =>
        point === undefined ? '' : jsonPointOf(profile, point).name;
      if (profile.meter) expect(nameAt(profile.meter.powerPoint), file).toBe('W');
      const inv = profile.inverter;
      if (inv === undefined) continue;
      expect(nameAt(inv.powerPoint), file).toBe('W');
      expect(nameAt(inv.socPoint), file).toBe('ChaState');
      if (inv.setpoint.method !== 'sunspecStorage')
        throw new Error(`${file}: expected the sunspecStorage method`);
      expect(nameAt(inv.setpoint.modePoint)).toBe('StorCtl_Mod');
      expect(nameAt(inv.setpoint.chargeRatePoint)).toBe('InWRte');
      expect(nameAt(inv.setpoint.dischargeRatePoint)).toBe('OutWRte');
      expect(nameAt(inv.setpoint.maxPowerPoint)).toBe('WChaMax');
      expect(nameAt(inv.watchdog?.timeoutPoint)).toBe('InOutWRte_RvrtTms');
    }
  });
});

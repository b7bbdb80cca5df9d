import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../util/resources-path';
import { loadBmsCanProfile, parseBmsCanProfile } from './bms-profile-loader';
import { BUILTIN_BMS_PROFILES, PYLONTECH_CAN_V1_2 } from './pylontech-protocol';

const canProfilesDir = (): string => join(findResourcesDir(), 'profiles', 'can');

describe('BMS profile loader', () => {
  it('offers every JSON file of resources/profiles/can as a built-in, under its file name', async () => {
    const files = (await readdir(canProfilesDir())).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['pylontech-v1.2.json', 'pylontech-v1.3.json']);
    for (const file of files) {
      const name = file.slice(0, -'.json'.length);
      const fromDisk = parseBmsCanProfile(
        await readFile(join(canProfilesDir(), file), 'utf8'),
        file,
      );
      expect(fromDisk.name).toBe(name);
      expect(BUILTIN_BMS_PROFILES.get(name)).toEqual(fromDisk);
      expect(await loadBmsCanProfile(name)).toEqual(fromDisk);
    }
  });

  it('reads hex ids from JSON as numbers', () => {
    expect(PYLONTECH_CAN_V1_2.frames.map((f) => f.id)).toEqual([
      0x351, 0x355, 0x356, 0x359, 0x35c, 0x35e,
    ]);
    expect(PYLONTECH_CAN_V1_2.keepalive?.id).toBe(0x305);
  });

  it('loads a profile by path relative to the site folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bms-profile-'));
    const custom = {
      ...JSON.parse(JSON.stringify(PYLONTECH_CAN_V1_2)),
      name: 'my-battery',
    } as unknown;
    await writeFile(join(dir, 'my-battery.json'), JSON.stringify(custom));
    expect((await loadBmsCanProfile('my-battery.json', dir)).name).toBe('my-battery');
    expect((await loadBmsCanProfile(join(dir, 'my-battery.json'))).name).toBe('my-battery');
  });

  it('fails with one line naming the profile and the field', async () => {
    await expect(loadBmsCanProfile('pylontech-v9')).rejects.toThrow(
      'BMS profile pylontech-v9: no built-in profile of that name (built-in: pylontech-v1.2, pylontech-v1.3)',
    );
    await expect(loadBmsCanProfile('missing.json', tmpdir())).rejects.toThrow(
      /^BMS profile missing\.json: file not found/,
    );
    expect(() => parseBmsCanProfile('{ "name": ', 'x.json')).toThrow(
      /^BMS profile x\.json: not valid JSON/,
    );
    const badId = JSON.stringify({
      ...PYLONTECH_CAN_V1_2,
      frames: [{ ...PYLONTECH_CAN_V1_2.frames[0], id: '351' }],
    });
    expect(() => parseBmsCanProfile(badId, 'x.json')).toThrow(
      /^BMS profile x\.json: frames\.0\.id: /,
    );
    const badType = JSON.parse(JSON.stringify(PYLONTECH_CAN_V1_2)) as {
      frames: { fields: { type: string }[] }[];
    };
    badType.frames[0]!.fields[1]!.type = 'u32';
    expect(() => parseBmsCanProfile(JSON.stringify(badType), 'x.json')).toThrow(
      /^BMS profile x\.json: frames\.0\.fields\.1\.type: /,
    );
    const message = (() => {
      try {
        parseBmsCanProfile(JSON.stringify(badType), 'x.json');
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).not.toContain('\n');
  });
});

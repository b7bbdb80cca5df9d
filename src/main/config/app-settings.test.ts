import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_API_PORT, loadAppSettings, SETTINGS_FILE_NAME } from './app-settings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (json: string): Promise<void> => writeFile(join(dir, SETTINGS_FILE_NAME), json);

describe('settings.json', () => {
  it('missing: the API on 127.0.0.1:8421, no CORS', async () => {
    expect(await loadAppSettings(dir)).toEqual({
      api: {
        port: DEFAULT_DESKTOP_API_PORT,
        listen: '127.0.0.1',
        corsOrigins: [],
        insecureHttp: false,
      },
    });
  });

  it('reads a port, null (API off), an address and CORS origins', async () => {
    await write('{"api":{"port":null}}');
    expect((await loadAppSettings(dir)).api.port).toBeNull();
    await write('{"api":{"port":0,"listen":"0.0.0.0","corsOrigins":["https://scada.example"]}}');
    expect((await loadAppSettings(dir)).api).toEqual({
      port: 0,
      listen: '0.0.0.0',
      corsOrigins: ['https://scada.example'],
      insecureHttp: false,
    });
  });

  it.each([
    ['{"api":{"port":70000}}', /settings .*settings\.json: api\.port: /],
    ['{"api":{"listen":"my-laptop"}}', /api\.listen: must be an IP address/],
    ['{"api":{"corsOrigins":["https://a.example/x"]}}', /api\.corsOrigins\.0: must be an origin/],
    ['{"api":{"prot":1}}', /api: Unrecognized key: "prot"/],
    ['{"api":', /not valid JSON/],
  ])('%s is refused with a line naming the file and the field', async (json, message) => {
    await write(json);
    await expect(loadAppSettings(dir)).rejects.toThrow(message);
  });
});

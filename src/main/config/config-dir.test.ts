import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appConfigDir } from './config-dir';

describe('the app config folder', () => {
  const home = '/home/tech';
  it('Linux: $XDG_CONFIG_HOME/ems-commissioning, else ~/.config/ems-commissioning', () => {
    expect(appConfigDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', home })).toBe(
      join('/cfg', 'ems-commissioning'),
    );
    expect(appConfigDir({ env: {}, platform: 'linux', home })).toBe(
      join(home, '.config', 'ems-commissioning'),
    );
  });

  it('a relative XDG_CONFIG_HOME is ignored, as the XDG spec says', () => {
    expect(appConfigDir({ env: { XDG_CONFIG_HOME: 'cfg' }, platform: 'linux', home })).toBe(
      join(home, '.config', 'ems-commissioning'),
    );
  });

  it('Windows: %APPDATA%\\ems-commissioning (AppData\\Roaming when unset)', () => {
    expect(
      appConfigDir({ env: { APPDATA: 'C:/Users/t/AppData/Roaming' }, platform: 'win32', home }),
    ).toBe(join('C:/Users/t/AppData/Roaming', 'ems-commissioning'));
    expect(appConfigDir({ env: {}, platform: 'win32', home })).toBe(
      join(home, 'AppData', 'Roaming', 'ems-commissioning'),
    );
  });

  it('macOS: ~/Library/Application Support/ems-commissioning', () => {
    expect(appConfigDir({ env: {}, platform: 'darwin', home })).toBe(
      join(home, 'Library', 'Application Support', 'ems-commissioning'),
    );
  });

  it('EMS_CONFIG_DIR wins everywhere and is used as the folder itself', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(
        appConfigDir({ env: { EMS_CONFIG_DIR: 'tmp/cfg', APPDATA: 'x' }, platform, home }),
      ).toBe(resolve('tmp/cfg'));
    }
  });
});

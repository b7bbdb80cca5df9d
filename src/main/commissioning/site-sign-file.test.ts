import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSiteFile } from '../site/site-loader';
import { setSiteMeterSign } from './site-sign-file';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function siteFile(text: string): string {
  dir = mkdtempSync(join(tmpdir(), 'ems-sign-'));
  const path = join(dir, 'site.json');
  writeFileSync(path, text);
  return path;
}

describe('the meter sign fix in a site file', () => {
  it('sets meter.powerSign, keeps the rest as written, and the site still loads', async () => {
    const original = readFileSync(
      join(__dirname, '../../../resources/sites/sim-modbus.json'),
      'utf8',
    );
    const path = siteFile(original);
    const message = await setSiteMeterSign(path, -1);
    expect(message).toMatch(/meter.powerSign set to -1/);
    const written = JSON.parse(readFileSync(path, 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    expect(written['meter']?.['powerSign']).toBe(-1);
    expect(written['control']).toEqual(
      (JSON.parse(original) as Record<string, unknown>)['control'],
    );
    expect((await loadSiteFile(path)).site.meter.powerSign).toBe(-1);
  });

  it('refuses a file that is not a site, changing nothing', async () => {
    const path = siteFile('[1, 2]');
    await expect(setSiteMeterSign(path, -1)).rejects.toThrow(/not a site file/);
    expect(readFileSync(path, 'utf8')).toBe('[1, 2]');
  });
});

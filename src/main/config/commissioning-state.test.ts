import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommissioningStateFile } from './commissioning-state';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function stateFile(): { file: CommissioningStateFile; path: string; lines: string[] } {
  dir = mkdtempSync(join(tmpdir(), 'ems-commissioning-state-'));
  const path = join(dir, 'config', 'commissioning-state.json');
  const lines: string[] = [];
  return { file: new CommissioningStateFile(path, (l) => lines.push(l)), path, lines };
}

describe('the commissioning state file', () => {
  it('remembers a sign change per site, clears one without touching the others, file 0600', async () => {
    const { file, path } = stateFile();
    expect(await file.meterSignChangedAt('roof-1a2b')).toBeNull();
    await Promise.all([
      file.setMeterSignChangedAt('roof-1a2b', 1000),
      file.setMeterSignChangedAt('barn-0f0f', 2000),
    ]);
    const again = new CommissioningStateFile(path, () => undefined);
    expect(await again.meterSignChangedAt('roof-1a2b')).toBe(1000);
    await again.setMeterSignChangedAt('roof-1a2b', null);
    expect(await file.meterSignChangedAt('roof-1a2b')).toBeNull();
    expect(await file.meterSignChangedAt('barn-0f0f')).toBe(2000);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a file that is not a state file counts as empty, is logged, and is replaced on the next change', async () => {
    const { file, path, lines } = stateFile();
    await file.setMeterSignChangedAt('x', 1);
    writeFileSync(path, '{"sites": {"x": {"meterSignChangedAt": "soon"}}}');
    expect(await file.meterSignChangedAt('x')).toBeNull();
    expect(lines.join('\n')).toMatch(/not a commissioning state file/);
    await file.setMeterSignChangedAt('y', 5);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      sites: { y: { meterSignChangedAt: 5 } },
    });
  });
});

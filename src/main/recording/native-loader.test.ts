import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding, loadBetterSqlite3 } from './native-loader';

describe('native loader', () => {
  it('uses the Electron build of the addon only inside Electron and only when it was built', () => {
    const root = mkdtempSync(join(tmpdir(), 'ems-native-'));
    const electron = { ...process.versions, electron: '41.10.0' } as NodeJS.ProcessVersions;
    expect(electronNativeBinding(root, process.versions)).toBeNull();
    expect(electronNativeBinding(root, electron)).toBeNull();
    mkdirSync(join(root, 'native', 'electron'), { recursive: true });
    writeFileSync(join(root, 'native', 'electron', 'better_sqlite3.node'), '');
    expect(electronNativeBinding(root, electron)).toBe(
      join(root, 'native', 'electron', 'better_sqlite3.node'),
    );
    expect(electronNativeBinding(root, process.versions)).toBeNull();
  });

  it('outside Electron loads the plain module, which opens a database', async () => {
    const Database = await loadBetterSqlite3();
    const db = new Database(':memory:');
    expect(db.prepare('select 1 + 1 as x').get()).toEqual({ x: 2 });
    db.close();
  });
});

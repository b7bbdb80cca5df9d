import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordingStore } from './recording-store';
import type { RecordingStore } from './recording-store-api';
import { SCHEMA_VERSION } from './schema-migrations';

let dir = '';
let store: RecordingStore | null = null;

afterEach(() => {
  store?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<RecordingStore> {
  dir = mkdtempSync(join(tmpdir(), 'ems-report-'));
  store = await openRecordingStore({
    path: join(dir, 'sessions.sqlite'),
    now: () => 1_700_000_000_000,
    scheduler: () => () => undefined,
  });
  return store;
}

describe('commissioning reports in the session store', () => {
  it('are stored with the running session and read back newest first', async () => {
    const s = await open();
    expect(s.available).toBe(true);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(s.latestReport()).toBeNull();
    const session = s.startSession({ siteName: 'Roof A', hostKind: 'test' });
    const first = s.saveReport({
      t: 1000,
      siteName: 'Roof A',
      technician: 'Ann',
      html: '<p>1</p>',
    });
    const second = s.saveReport({
      t: 2000,
      siteName: 'Roof A',
      technician: 'Ann',
      html: '<p>2</p>',
    });
    expect(first).not.toBeNull();
    expect(second).toBeGreaterThan(first ?? 0);
    expect(s.latestReport()).toEqual({
      id: second,
      sessionId: session,
      t: 2000,
      siteName: 'Roof A',
      technician: 'Ann',
      html: '<p>2</p>',
    });
  });

  it('refuse a page over the size limit without storing anything', async () => {
    const s = await open();
    s.startSession({ siteName: 'Roof A', hostKind: 'test' });
    expect(() =>
      s.saveReport({ t: 1, siteName: 'x', technician: 'y', html: 'x'.repeat(5_000_001) }),
    ).toThrow(/over 5000000/);
    expect(s.latestReport()).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { ScanDeviceView } from '../../../shared/scan-views';
import { startedScan, withProgress, withScanView } from './scan-store';

const unit = (unitId: number): ScanDeviceView => ({
  host: '127.0.0.1',
  port: 502,
  unitId,
  sunspec: null,
  probes: [],
  suggested: {},
});
const push = (found: ScanDeviceView | null, done = false) => ({
  scanId: 'scan-1',
  probed: 1,
  total: 2,
  done,
  stopped: null,
  found,
});

describe('the scan store', () => {
  it('adds each unit found once, ignores another scan, and takes the list read back whole', () => {
    let s = withProgress(startedScan('scan-1', 2), push(unit(2)));
    expect(s?.found.map((d) => d.unitId)).toEqual([2]);
    expect(withProgress(s, { ...push(unit(3)), scanId: 'scan-9' })).toBe(s);
    const read = {
      scanId: 'scan-1',
      targets: '127.0.0.1',
      ports: [502],
      unitIds: [1, 2],
      done: false,
      stopped: null,
      probed: 2,
      total: 2,
      found: [unit(1), unit(2)],
    };
    s = withScanView(s, read);
    // The push of unit 1 arrives after the list that holds it: not listed twice.
    s = withProgress(s, push(unit(1), true));
    expect([s?.found.map((d) => d.unitId), s?.done]).toEqual([[1, 2], true]);
    expect(withScanView(null, read)).toBeNull();
  });
});

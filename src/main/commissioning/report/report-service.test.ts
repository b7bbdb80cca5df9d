import { describe, expect, it, vi } from 'vitest';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';
import type { DeviceIdentity, ReportDevice } from './report-data';
import { ReportService, type ReportDeps } from './report-service';

/**
 * Where the report's device identities come from: the model 1 the running drivers read at
 * connect first (no request, no register console), the on-demand SunSpec reader only for a
 * device the drivers know nothing about.
 */

const device = (role: ReportDevice['role']): ReportDevice => ({
  role,
  address: '127.0.0.1:502',
  unitId: 1,
  profile: `${role}-profile`,
  verified: false,
  identity: null,
});

const INVERTER: DeviceIdentity = {
  manufacturer: 'Acme',
  model: 'Store 5',
  serial: 'A-123',
  version: '2.1',
};

function service(deps: Partial<ReportDeps>): ReportService {
  const s = new ReportService({
    clock: new VirtualTime(),
    site: {
      id: 'site',
      name: 'Site',
      devices: [device('meter'), device('inverter'), device('bms')],
      settings: {},
      appVersion: 'test',
    },
    checks: {
      latest: () => ({}),
      status: () => ({ commissioned: false, passed: [], missing: [] }),
    },
    recording: null,
    ...deps,
  });
  s.setMeta({ technician: 'T', notes: '' });
  return s;
}

function row(html: string, role: string): string {
  return html.split('<tr>').find((r) => r.startsWith(`<td>${role}</td>`)) ?? '';
}

describe('report device identities', () => {
  it("shows the drivers' model 1 without asking the on-demand reader", async () => {
    const reader = vi.fn(() => Promise.resolve(null));
    const s = service({ knownIdentity: (role) => (role === 'inverter' ? INVERTER : null) });
    const { html } = await s.generate(reader);
    expect(row(html, 'inverter')).toContain('Acme, Store 5, serial A-123, version 2.1');
    // Only the meter, unknown to its driver, is read on demand; never the BMS.
    expect(reader.mock.calls).toEqual([['meter']]);
    expect(row(html, 'meter')).toContain('not known');
  });

  it('falls back to the on-demand reader, and a reader that fails leaves the device "not known"', async () => {
    const s = service({ knownIdentity: () => null });
    const read = await s.generate((role) => Promise.resolve(role === 'meter' ? INVERTER : null));
    expect(row(read.html, 'meter')).toContain('serial A-123');
    const failed = await s.generate(() => Promise.reject(new Error('no answer')));
    expect(row(failed.html, 'meter')).toContain('not known');
  });
});

import { isAbsolute } from 'node:path';
import type { TimeSource } from '../../../shared/clock';
import type { EmsState } from '../../../shared/ems-names';
import type {
  LibraryProfileView,
  TriedValueView,
  TryDeviceView,
} from '../../../shared/build-site-views';
import type { SiteModbusDevice } from '../../../shared/site-schema';
import { InverterDriver } from '../../devices/modbus/drivers/inverter-driver';
import { MeterDriver } from '../../devices/modbus/drivers/meter-driver';
import { ProfiledDevice } from '../../devices/modbus/drivers/profiled-device';
import type { ModbusTransport } from '../../devices/modbus/modbus-transport';
import {
  isBuiltinProfileRef,
  loadProfile,
  ProfileError,
} from '../../devices/modbus/profile/profile-loader';
import type { DeviceProfile } from '../../devices/modbus/profile/profile-schema';
import { ModbusLinkFactory, type ModbusReach } from '../../devices/modbus/wire/modbus-link-factory';
import { reasonOf } from '../../devices/modbus/wire/modbus-errors';
import { CommissioningError } from '../commissioning-error';
import { readOnlyTransport } from '../scan/read-only-transport';
import { readSunSpec } from '../scan/unit-probe';
import { loadProfileLibrary } from './profile-library';

/**
 * The site form's connection test: one device as typed (reach and profile), read through the
 * profile's own driver on a short-lived link of its own, read-only, and model 1 for a
 * SunSpec profile. Only in STOP, so it never competes with the control loop for a device.
 */

/** What the test needs from the host. */
export interface TryDeviceDeps {
  readonly emsState: () => EmsState;
  readonly time: TimeSource;
  /** How to reach a device; the site's own link factory (TCP, RTU gateway, serial) by default. */
  readonly link?: (name: string, reach: ModbusReach) => ModbusTransport;
  /** The profile library; the built-in one by default. */
  readonly library?: () => Promise<LibraryProfileView[]>;
}

/** Why a test is refused outside STOP. */
export const TRY_NOT_IN_STOP =
  'a connection test runs only while the EMS is in STOP (stop it first)';

/** A device test's params: the role and the device as the site schema parsed it. */
export interface TryDeviceRequest {
  readonly role: 'meter' | 'inverter';
  readonly device: SiteModbusDevice;
}

/** "127.0.0.1:5020 unit 1", "/dev/ttyUSB0 unit 2". */
function reachText(d: SiteModbusDevice): string {
  const where = d.serial ? d.serial.device : `${d.host ?? ''}:${d.port ?? 502}`;
  return `${where}${d.framing === 'rtu' ? ' (RTU)' : ''} unit ${d.unitId}`;
}

/** The library and the connection tests of one host. */
export class TryDeviceHandlers {
  private libraryLoad: Promise<LibraryProfileView[]> | null = null;

  constructor(private readonly deps: TryDeviceDeps) {}

  /** The built-in profiles (loaded once). */
  listProfiles(): Promise<LibraryProfileView[]> {
    const load = this.deps.library ?? loadProfileLibrary;
    this.libraryLoad ??= load().catch((err: unknown) => {
      this.libraryLoad = null;
      throw err;
    });
    return this.libraryLoad;
  }

  /**
   * Tests one device. Rejects (conflict) outside STOP and (bad request) for a profile that
   * does not load or is not of the role; a device that fails answers `ok: false` naming why.
   */
  async tryDevice(p: TryDeviceRequest): Promise<TryDeviceView> {
    if (this.deps.emsState() !== 'STOP') throw new CommissioningError(TRY_NOT_IN_STOP, 'conflict');
    const profile = await this.profile(p);
    const link =
      this.deps.link ??
      ((name, reach) => new ModbusLinkFactory(this.deps.time).create(name, reach));
    const transport = readOnlyTransport(link(p.role, p.device));
    const base = { role: p.role, reach: reachText(p.device) };
    let identity: TryDeviceView['identity'] = null;
    try {
      try {
        await transport.connect();
      } catch (err) {
        return failed(base, `connect: ${reasonOf(err)}`, identity);
      }
      if (profile.addressing.type === 'sunspec') {
        try {
          identity = await readSunSpec(transport, profile.addressing.baseAddresses);
        } catch (err) {
          return failed(base, `SunSpec model 1: ${reasonOf(err)}`, identity);
        }
        // No 'SunS' found: the driver's own connect below says why (no marker, no answer).
      }
      const started = this.deps.time.now();
      let values: TriedValueView[];
      try {
        values = await readKeyValues(p.role, new ProfiledDevice(profile, transport));
      } catch (err) {
        return failed(base, `read: ${reasonOf(err)}`, identity);
      }
      const roundTripMs = Math.max(0, this.deps.time.now() - started);
      return { ...base, ok: true, error: null, roundTripMs, values, identity };
    } finally {
      await transport.close().catch(() => undefined);
    }
  }

  private async profile(p: TryDeviceRequest): Promise<DeviceProfile> {
    const ref = p.device.profile;
    // A stored site reads relative paths from its own folder; the test has no such folder.
    if (!isBuiltinProfileRef(ref) && !isAbsolute(ref))
      throw new CommissioningError(
        `profile ${ref}: a relative path is read from the stored site's folder, so it cannot be tested here; use a built-in name or an absolute path`,
      );
    let profile: DeviceProfile;
    try {
      profile = await loadProfile(p.device.profile);
    } catch (err) {
      if (err instanceof ProfileError) throw new CommissioningError(err.message);
      throw err;
    }
    if (profile.kind !== p.role) {
      const what = (k: string): string => (k === 'meter' ? 'a meter' : 'an inverter');
      throw new CommissioningError(
        `profile ${p.device.profile} is ${what(profile.kind)} profile, not ${what(p.role)} profile`,
      );
    }
    return profile;
  }
}

function failed(
  base: { role: 'meter' | 'inverter'; reach: string },
  error: string,
  identity: TryDeviceView['identity'],
): TryDeviceView {
  return { ...base, ok: false, error, roundTripMs: null, values: [], identity };
}

/** The key live values through the role's driver (reads only; the inverter's connect would write). */
async function readKeyValues(
  role: 'meter' | 'inverter',
  device: ProfiledDevice,
): Promise<TriedValueView[]> {
  await device.connect();
  if (role === 'meter') {
    const r = await new MeterDriver(device).read();
    return [{ label: 'Grid power (+ import)', value: r.gridW, unit: 'W' }];
  }
  const section = device.profile.inverter;
  const r = await new InverterDriver(device).read();
  const values: TriedValueView[] = [
    { label: 'AC power (+ discharge)', value: r.activePowerW, unit: 'W' },
  ];
  if (section?.controlled !== undefined)
    values.push({ label: 'Battery power (+ discharge)', value: r.controlledW ?? null, unit: 'W' });
  if (section?.socPoint !== undefined) values.push({ label: 'SOC', value: r.socPct, unit: '%' });
  if (section?.pvPoint !== undefined)
    values.push({ label: 'PV power', value: r.pvW ?? null, unit: 'W' });
  return values;
}

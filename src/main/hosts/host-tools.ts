import { dirname, join } from 'node:path';
import type { TimeSource } from '../../shared/clock';
import { appConfigDir } from '../config/config-dir';
import {
  ensurePrivateDir,
  narrowMode,
  PRIVATE_FILE_MODE,
  touchPrivateFile,
} from '../config/private-files';
import type { InverterDriver } from '../devices/modbus/drivers/inverter-driver';
import type { MeterDriver } from '../devices/modbus/drivers/meter-driver';
import { openRecordingStore, type RecordingStore } from '../recording';
import { unavailableStore } from '../recording/unavailable-store';
import { describeReach } from '../devices/modbus/wire/modbus-link-factory';
import { ModbusTcpClient } from '../devices/modbus/wire/modbus-client';
import type { ModbusTransport } from '../devices/modbus/modbus-transport';
import type { ConsoleModbusDevice } from '../commissioning/commissioning-tools';
import { gateToolTraffic } from '../commissioning/tool-gate';
import type { SiteFile } from '../site/site-schema';
import type { RegisterPointView } from '../../shared/commissioning-views';
import type { ProfiledDevice } from '../devices/modbus/drivers/profiled-device';
import { registerCount } from '../devices/modbus/profile/codec';

/** Name of the session database in the app's config folder. */
export const SESSIONS_FILE_NAME = 'sessions.sqlite';

/**
 * Opens the session database (default: sessions.sqlite in the app's config folder) and starts
 * this run's session. Never rejects: a store that cannot open comes back unavailable with its
 * reason, and the EMS runs on without recording.
 */
export async function openSessionRecording(
  path: string | null | undefined,
  start: { readonly siteName: string; readonly hostKind: string },
  log: (line: string) => void,
  time: TimeSource,
): Promise<RecordingStore> {
  if (path === null) return unavailableStore('', 'recording is turned off for this host');
  const file = path ?? join(appConfigDir(), SESSIONS_FILE_NAME);
  let store: RecordingStore;
  try {
    if (file !== ':memory:') privateDatabaseFile(file, log);
    store = await openRecordingStore({
      path: file,
      now: () => time.wallNow(),
      // Housekeeping: a store left open must not keep the process alive by itself.
      scheduler: (task, periodMs) => time.interval(task, periodMs, { background: true }),
    });
  } catch (err) {
    store = unavailableStore(file, (err as Error).message);
  }
  if (!store.available) {
    log(`session recording unavailable: ${store.reason ?? 'unknown reason'}`);
    return store;
  }
  const id = store.startSession(start);
  log(`session recording: session ${String(id)} in ${file}`);
  return store;
}

/**
 * The database's folder 0700 and its file 0600 before SQLite opens it: SQLite gives its -wal
 * and -shm files the database's mode, so they are private too. Loose modes left by an older
 * version are narrowed (and logged).
 */
function privateDatabaseFile(file: string, log: (line: string) => void): void {
  ensurePrivateDir(dirname(file), log);
  touchPrivateFile(file);
  for (const f of [`${file}-wal`, `${file}-shm`]) narrowMode(f, PRIVATE_FILE_MODE, log);
}

/**
 * The site's Modbus devices for the tools (register console, connection test, discovery):
 * their drivers' own links behind a per-device tool gate (one request in flight, 20 a
 * second), while the control loop keeps using the links directly.
 */
export function consoleDevices(
  site: SiteFile,
  meter: MeterDriver,
  inverter: InverterDriver,
  time: TimeSource,
): ConsoleModbusDevice[] {
  const of = (
    id: ConsoleModbusDevice['id'],
    d: SiteFile['meter'],
    device: ProfiledDevice,
  ): ConsoleModbusDevice => ({
    id,
    ...describeReach(d),
    unitId: d.unitId,
    transport: gateToolTraffic(device.transport, time),
    points: () => profilePoints(device),
    // Another unit behind the same Modbus TCP address gets its own short-lived link.
    ...(d.serial === undefined && d.framing !== 'rtu'
      ? {
          forUnit: (unitId: number) =>
            ownedToolLink(
              new ModbusTcpClient({
                host: d.host ?? '127.0.0.1',
                port: d.port ?? 502,
                unitId,
                timeoutMs: d.timeoutMs,
                name: id,
                clock: time,
              }),
              time,
            ),
        }
      : {}),
  });
  return [of('meter', site.meter, meter.device), of('inverter', site.inverter, inverter.device)];
}

/** A link the tools opened themselves: gated like the others, and closed by them when done. */
function ownedToolLink(link: ModbusTransport, time: TimeSource): ModbusTransport {
  const gated = gateToolTraffic(link, time);
  return {
    get label() {
      return gated.label;
    },
    get isOpen() {
      return gated.isOpen;
    },
    connect: () => gated.connect(),
    readHolding: (address, count) => gated.readHolding(address, count),
    readInput: (address, count) => gated.readInput(address, count),
    writeRegisters: (address, values) => gated.writeRegisters(address, values),
    close: () => link.close(),
  };
}

/**
 * Where the points of a device's profile lie now: absolute points at once, SunSpec points once
 * the driver has walked the model chain (until then they are left out).
 */
export function profilePoints(device: ProfiledDevice): RegisterPointView[] {
  const out: RegisterPointView[] = [];
  for (const [name, spec] of Object.entries(device.profile.points)) {
    const address = device.addressOf(name);
    if (address === undefined) continue;
    const { kind, type, unit } = spec;
    out.push({ name, kind, address, count: registerCount(type), type, unit });
  }
  return out;
}

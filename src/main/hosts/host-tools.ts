import { join } from 'node:path';
import type { TimeSource } from '../../shared/clock';
import { appConfigDir } from '../config/config-dir';
import type { InverterDriver } from '../devices/modbus/drivers/inverter-driver';
import type { MeterDriver } from '../devices/modbus/drivers/meter-driver';
import { openRecordingStore, type RecordingStore } from '../recording';
import { unavailableStore } from '../recording/unavailable-store';
import { describeReach } from '../devices/modbus/wire/modbus-link-factory';
import type { ConsoleModbusDevice } from '../commissioning/commissioning-tools';
import type { SiteFile } from '../site/site-schema';

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

/** The site's Modbus devices with their drivers' own transports, for the register console. */
export function consoleDevices(
  site: SiteFile,
  meter: MeterDriver,
  inverter: InverterDriver,
): ConsoleModbusDevice[] {
  const of = (
    id: ConsoleModbusDevice['id'],
    d: SiteFile['meter'],
    transport: ConsoleModbusDevice['transport'],
  ): ConsoleModbusDevice => ({ id, ...describeReach(d), unitId: d.unitId, transport });
  return [
    of('meter', site.meter, meter.device.transport),
    of('inverter', site.inverter, inverter.device.transport),
  ];
}

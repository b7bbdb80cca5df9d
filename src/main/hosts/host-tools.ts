import { dirname, join } from 'node:path';
import type { TimeSource } from '../../shared/clock';
import { appConfigDir } from '../config/config-dir';
import {
  ensurePrivateDir,
  narrowMode,
  PRIVATE_FILE_MODE,
  touchPrivateFile,
} from '../config/private-files';
import type { ModbusTransport } from '../devices/modbus/modbus-transport';
import { openRecordingStore, type RecordingStore } from '../recording';
import { unavailableStore } from '../recording/unavailable-store';
import { watchLoopTraffic, type LoopTraffic } from '../commissioning/tool-gate';

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

/** One device's link, shared by the control loop (counted) and the tools (gated). */
export interface SharedModbusLink {
  /** The raw link (a TCP client, or a unit on an RTU bus). */
  readonly link: ModbusTransport;
  /** The control loop's side: give its `transport` to the driver. */
  readonly loop: LoopTraffic;
}

/** Shares `link` between the control loop and the tools (see consoleDevices). */
export function shareModbusLink(link: ModbusTransport): SharedModbusLink {
  return { link, loop: watchLoopTraffic(link) };
}

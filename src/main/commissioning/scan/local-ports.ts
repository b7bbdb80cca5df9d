import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CanInterfaceView, LocalPortsView, SerialPortView } from '../../../shared/scan-views';
import { reasonOf } from '../../devices/modbus/wire/modbus-errors';

/**
 * The machine's serial ports (USB RS-485 adapters for Modbus RTU, slcan CAN adapters) and its
 * SocketCAN interfaces, for the technician to pick from. Either list may be unavailable (no
 * serialport module, no udev, not Linux); it then says why instead of failing the request.
 */

/** ARPHRD_CAN: the link type Linux gives CAN interfaces in /sys/class/net/NAME/type. */
export const ARPHRD_CAN = 280;

/** What the port lister needs; the real system by default. */
export interface LocalPortsDeps {
  /** Root of sysfs ("/sys"); a test passes a folder it built. */
  readonly sysfsRoot?: string;
  readonly platform?: NodeJS.Platform;
  /** serialport's list(); loaded from the module by default. */
  readonly listSerial?: () => Promise<readonly Record<string, unknown>[]>;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

async function defaultListSerial(): Promise<readonly Record<string, unknown>[]> {
  const { SerialPort } = await import('serialport');
  const listed: readonly object[] = await SerialPort.list();
  return listed.map((p) => ({ ...p }));
}

/** Serial ports as serialport lists them. */
export async function listSerialPorts(
  deps: LocalPortsDeps = {},
): Promise<LocalPortsView['serial']> {
  try {
    const raw = await (deps.listSerial ?? defaultListSerial)();
    const ports: SerialPortView[] = raw
      .filter((p) => typeof p['path'] === 'string')
      .map((p) => ({
        path: String(p['path']),
        manufacturer: text(p['manufacturer']),
        serialNumber: text(p['serialNumber']),
        vendorId: text(p['vendorId']),
        productId: text(p['productId']),
      }));
    return { ports, unavailable: null };
  } catch (err) {
    return { ports: [], unavailable: `serial ports could not be listed: ${reasonOf(err)}` };
  }
}

/** SocketCAN interfaces: every /sys/class/net/NAME whose type is 280. */
export async function listCanInterfaces(deps: LocalPortsDeps = {}): Promise<LocalPortsView['can']> {
  if ((deps.platform ?? process.platform) !== 'linux')
    return { interfaces: [], unavailable: 'SocketCAN exists on Linux only' };
  const net = join(deps.sysfsRoot ?? '/sys', 'class', 'net');
  let names: string[];
  try {
    names = await readdir(net);
  } catch (err) {
    return {
      interfaces: [],
      unavailable: `network interfaces could not be listed: ${reasonOf(err)}`,
    };
  }
  const interfaces: CanInterfaceView[] = [];
  for (const name of names.sort()) {
    const type = await readFile(join(net, name, 'type'), 'utf8').catch(() => '');
    if (Number(type.trim()) !== ARPHRD_CAN) continue;
    const state = await readFile(join(net, name, 'operstate'), 'utf8').catch(() => 'unknown');
    interfaces.push({ name, state: state.trim() || 'unknown' });
  }
  return { interfaces, unavailable: null };
}

/** Both lists. */
export async function listLocalPorts(deps: LocalPortsDeps = {}): Promise<LocalPortsView> {
  const [serial, can] = await Promise.all([listSerialPorts(deps), listCanInterfaces(deps)]);
  return { serial, can };
}

import type { TimeSource } from '../../shared/clock';
import type { RegisterPointView } from '../../shared/commissioning-views';
import type { ConsoleModbusDevice } from '../commissioning/commissioning-tools';
import { gateToolTraffic } from '../commissioning/tool-gate';
import type { ProfiledDevice } from '../devices/modbus/drivers/profiled-device';
import type { ModbusTransport } from '../devices/modbus/modbus-transport';
import { registerCount } from '../devices/modbus/profile/codec';
import { ModbusTcpClient } from '../devices/modbus/wire/modbus-client';
import { describeReach } from '../devices/modbus/wire/modbus-link-factory';
import type { SiteFile } from '../site/site-schema';
import type { SharedModbusLink } from './host-tools';

/**
 * The site's Modbus devices for the tools (register console, connection test, discovery):
 * the drivers' own links behind a per-device tool gate (one request in flight, 20 a
 * second), while the control loop keeps using them directly and goes first: a tool request
 * starts only when the loop has none in flight on that link.
 */
export function consoleDevices(
  site: SiteFile,
  links: { readonly meter: SharedModbusLink; readonly inverter: SharedModbusLink },
  devices: { readonly meter: ProfiledDevice; readonly inverter: ProfiledDevice },
  time: TimeSource,
): ConsoleModbusDevice[] {
  const of = (
    id: ConsoleModbusDevice['id'],
    d: SiteFile['meter'],
    shared: SharedModbusLink,
    device: ProfiledDevice,
  ): ConsoleModbusDevice => ({
    id,
    ...describeReach(d),
    unitId: d.unitId,
    transport: gateToolTraffic(shared.link, time, shared.loop),
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
  return [
    of('meter', site.meter, links.meter, devices.meter),
    of('inverter', site.inverter, links.inverter, devices.inverter),
  ];
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

import type { TimeSource } from '../../../../shared/clock';
import type { ModbusTransport } from '../modbus-transport';
import { ModbusTcpClient } from './modbus-client';
import { ModbusRtuClient } from './modbus-rtu-client';
import { ModbusSerialLink } from './modbus-serial-link';
import { RtuBus } from './rtu-bus';
import { describeLine, interFrameSilenceMs, type SerialLine } from './serial-line';

/** How a site file reaches one Modbus device (the fields the site schema validated). */
export interface ModbusReach {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly framing?: 'tcp' | 'rtu' | undefined;
  readonly serial?:
    | {
        readonly device: string;
        readonly baudRate: number;
        readonly parity: SerialLine['parity'];
        readonly dataBits: SerialLine['dataBits'];
        readonly stopBits: SerialLine['stopBits'];
      }
    | undefined;
  readonly unitId: number;
  readonly timeoutMs: number;
}

/** Where a device is, for display: "10.0.0.5:502", "/dev/ttyUSB0 9600 8N1", "gw:4001 (RTU)". */
export function describeReach(d: ModbusReach): { host: string; port: number } {
  if (d.serial) return { host: `${d.serial.device} ${describeLine(d.serial)}`, port: 0 };
  const host = d.framing === 'rtu' ? `${d.host ?? ''} (RTU)` : (d.host ?? '');
  return { host, port: d.port ?? 502 };
}

/**
 * Makes the transports of one host. Devices on the same serial port (or the same serial
 * gateway) share one bus, so their requests are serialised; the site schema has already
 * refused ports whose devices disagree on the line settings.
 */
export class ModbusLinkFactory {
  private readonly buses = new Map<string, RtuBus>();

  constructor(private readonly clock: TimeSource) {}

  /** The transport to one device, named `name` ("meter", "inverter") in messages. */
  create(name: string, d: ModbusReach): ModbusTransport {
    if (d.serial) {
      const line: SerialLine = { ...d.serial };
      const bus = this.bus(`serial:${line.device}`, () => ({
        label: `serial ${line.device} ${describeLine(line)}`,
        link: new ModbusSerialLink({ endpoint: { kind: 'serial', line }, timeoutMs: d.timeoutMs }),
        silenceMs: interFrameSilenceMs(line),
      }));
      return new ModbusRtuClient({ bus, unitId: d.unitId, timeoutMs: d.timeoutMs, name });
    }
    const host = d.host ?? '127.0.0.1';
    const port = d.port ?? 502;
    if (d.framing === 'rtu') {
      const bus = this.bus(`tcp:${host}:${port}`, () => ({
        label: `RTU gateway ${host}:${port}`,
        link: new ModbusSerialLink({
          endpoint: { kind: 'tcp', host, port },
          timeoutMs: d.timeoutMs,
        }),
        // The gateway's serial side keeps its own line timing; this only paces our requests.
        silenceMs: 1.75,
      }));
      return new ModbusRtuClient({ bus, unitId: d.unitId, timeoutMs: d.timeoutMs, name });
    }
    return new ModbusTcpClient({
      host,
      port,
      unitId: d.unitId,
      timeoutMs: d.timeoutMs,
      name,
      clock: this.clock,
    });
  }

  private bus(
    key: string,
    make: () => { label: string; link: ModbusSerialLink; silenceMs: number },
  ): RtuBus {
    let bus = this.buses.get(key);
    if (!bus) {
      const { label, link, silenceMs } = make();
      bus = new RtuBus(link, { label, silenceMs, clock: this.clock });
      this.buses.set(key, bus);
    }
    return bus;
  }
}

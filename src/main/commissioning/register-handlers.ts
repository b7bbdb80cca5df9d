import type {
  ConnectionTestView,
  ModbusDeviceId,
  ModbusDeviceView,
  RegisterPointView,
  RegisterReadView,
  RegisterWriteEntry,
} from '../../shared/commissioning-views';
import type { RequestParams } from '../../shared/contract';
import type { EmsState } from '../../shared/ems-names';
import { RegisterConsole } from './register-console';
import { connectionTest } from './register-console-connection';
import { CommissioningError, type ConsoleModbusDevice } from './commissioning-tools';

/**
 * The register console's requests over the site's own Modbus links: reads share the link
 * with the control loop (Modbus TCP pairs replies by transaction id), writes are made only in
 * STOP and only when confirmed, and every write attempt is logged.
 */
export class RegisterHandlers {
  private readonly console: RegisterConsole;

  constructor(
    private readonly devices: readonly ConsoleModbusDevice[],
    private readonly emsState: () => EmsState,
    onLog?: (entry: RegisterWriteEntry) => void,
  ) {
    this.console = new RegisterConsole(onLog ? { onLog } : {});
  }

  /** The devices the console may talk to. */
  list(): ModbusDeviceView[] {
    return this.devices.map((d) => ({
      id: d.id,
      label: d.transport.label,
      host: d.host,
      port: d.port,
      unitId: d.unitId,
    }));
  }

  /** Reads a block and interprets every register. */
  async read(p: RequestParams<'registerRead'>): Promise<RegisterReadView> {
    const device = this.device(p.device);
    const r = await this.console.read(device, {
      kind: p.kind,
      address: p.address,
      count: p.count,
      ...(p.scale === undefined ? {} : { scale: p.scale }),
    });
    return {
      device: device.id,
      kind: r.kind,
      address: r.address,
      registers: r.registers,
      rows: r.views,
      points: pointsIn(device.points?.() ?? [], r.kind, r.address, r.registers.length),
    };
  }

  /** Writes registers (STOP and confirmation checked by the console, which logs the attempt). */
  write(p: RequestParams<'registerWrite'>): Promise<RegisterWriteEntry> {
    return this.console.write(this.device(p.device), {
      address: p.address,
      values: p.values,
      confirmed: p.confirmed,
      emsState: this.emsState(),
      ...(p.typed === undefined ? {} : { typed: p.typed }),
    });
  }

  /** Every write attempt so far, oldest first. */
  log(): readonly RegisterWriteEntry[] {
    return [...this.console.writeLog];
  }

  /** Times a few single-register reads. */
  async test(p: RequestParams<'connectionTest'>): Promise<ConnectionTestView> {
    const device = this.device(p.device);
    const r = await connectionTest(
      device.transport,
      p.reads === undefined ? {} : { reads: p.reads },
    );
    return { device: device.id, ...r };
  }

  /** The device with this id. */
  device(id: ModbusDeviceId): ConsoleModbusDevice {
    const d = this.devices.find((x) => x.id === id);
    if (d === undefined) throw new CommissioningError(`this host has no Modbus device "${id}"`);
    return d;
  }
}

/** The points of `kind` that overlap registers [address, address + count), in address order. */
export function pointsIn(
  points: readonly RegisterPointView[],
  kind: 'holding' | 'input',
  address: number,
  count: number,
): RegisterPointView[] {
  return points
    .filter((p) => p.kind === kind && p.address < address + count && p.address + p.count > address)
    .sort((a, b) => a.address - b.address || a.name.localeCompare(b.name));
}

/** A write attempt as a session event ("inverter: written 0xFFFF 0xF830 at 8 (int32 -2000 ...)"). */
export function registerWriteEvent(entry: RegisterWriteEntry): {
  t: number;
  kind: string;
  code: string | null;
  message: string;
} {
  const words = entry.values.map((v) => `0x${v.toString(16).padStart(4, '0').toUpperCase()}`);
  const what = entry.typed === undefined ? '' : ` (${entry.typed})`;
  const why = entry.reason === undefined ? '' : `: ${entry.reason}`;
  return {
    t: Date.parse(entry.at),
    kind: 'registerWrite',
    code: entry.result,
    message: `${entry.device}: ${entry.result} ${words.join(' ')} at ${entry.address}${what}${why}`,
  };
}

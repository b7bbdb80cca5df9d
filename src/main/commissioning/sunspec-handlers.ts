import type { ModbusDeviceId } from '../../shared/commissioning-views';
import type {
  SunSpecChainView,
  SunSpecDiscoveryView,
  SunSpecProfileDownload,
  SunSpecProgressStep,
} from '../../shared/sunspec-views';
import { reasonOf } from '../devices/modbus/wire/modbus-errors';
import { discoverDevice } from '../devices/modbus/sunspec/sunspec-discovery';
import { profileFromDiscovery } from '../devices/modbus/sunspec/sunspec-profile';
import { CommissioningError, type ConsoleModbusDevice } from './commissioning-tools';

/**
 * SunSpec discovery of a site device, with each step pushed as progress, and a device
 * profile made from the device's last discovery. One discovery per device at a time.
 */
export class SunSpecHandlers {
  private readonly last = new Map<ModbusDeviceId, SunSpecChainView>();
  private readonly running = new Set<ModbusDeviceId>();

  constructor(
    private readonly device: (id: ModbusDeviceId) => ConsoleModbusDevice,
    private readonly progress: (device: ModbusDeviceId, step: SunSpecProgressStep) => void,
  ) {}

  /**
   * Runs a discovery at `bases` (default 40000, 0, 50000) of the device, or of another unit id
   * behind the same address; rejects naming every base tried when no 'SunS' is found.
   */
  async discover(
    id: ModbusDeviceId,
    bases?: readonly number[],
    unitId?: number,
  ): Promise<SunSpecDiscoveryView> {
    const device = this.device(id);
    if (this.running.has(id))
      throw new CommissioningError(`a discovery of the ${id} is already running`);
    const otherUnit = unitId !== undefined && unitId !== device.unitId;
    if (otherUnit && device.forUnit === undefined)
      throw new CommissioningError(
        `the ${id} is on a serial line: only its own unit ${device.unitId} can be scanned`,
      );
    const transport = otherUnit && device.forUnit ? device.forUnit(unitId) : device.transport;
    this.running.add(id);
    try {
      const result = await discoverDevice(transport, {
        ...(bases === undefined ? {} : { bases }),
        onProgress: (step) => this.progress(id, step),
      });
      this.last.set(id, result);
      return { device: id, unitId: unitId ?? device.unitId, ...result };
    } catch (err) {
      this.progress(id, { kind: 'failed', detail: reasonOf(err) });
      throw err;
    } finally {
      this.running.delete(id);
      if (transport !== device.transport) await transport.close();
    }
  }

  /** A profile of `kind` from the device's last discovery, as a JSON file. */
  profile(id: ModbusDeviceId, kind: 'meter' | 'inverter'): SunSpecProfileDownload {
    const result = this.last.get(id);
    if (result === undefined)
      throw new CommissioningError(`no discovery of the ${id} yet: run discoverSunSpec first`);
    const profile = profileFromDiscovery(result, kind);
    return {
      filename: `sunspec-${kind}-${id}.json`,
      profile: `${JSON.stringify(profile, null, 2)}\n`,
    };
  }
}

import { ModbusTcpClient } from '../../src/main/devices/modbus/wire/modbus-client';
import { loadProfile } from '../../src/main/devices/modbus/profile/profile-loader';
import { ProfiledDevice } from '../../src/main/devices/modbus/drivers/profiled-device';
import { createRealTime } from '../../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/**
 * The truth from the simulator's own Modbus registers, read through the project's client and
 * the sim profiles on a connection of its own: what the site really does, not what the EMS or
 * the UI believe. A test that only read the UI could pass with a bridge that shows anything.
 */

/** The simulated inverter's registers (inverter sign: positive = discharge). */
export interface SimInverterTruth {
  readonly activePowerW: number;
  readonly setpointW: number;
  readonly socPct: number;
  readonly status: number;
}

/** One Modbus device of the simulator, read by its built-in profile. */
async function readDevice(
  profileName: 'sim-inverter' | 'sim-meter',
  port: number,
): Promise<Record<string, number | null>> {
  const device = new ProfiledDevice(
    await loadProfile(profileName),
    new ModbusTcpClient({
      clock: realTime,
      host: '127.0.0.1',
      port,
      timeoutMs: 1_000,
      name: `truth ${profileName}`,
    }),
  );
  try {
    return await device.readAll();
  } finally {
    await device.close();
  }
}

function required(values: Record<string, number | null>, name: string): number {
  const v = values[name];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new Error(`simulator register ${name} is not a number: ${String(v)}`);
  return v;
}

/** Reads the simulated inverter on `port`. */
export async function readSimInverter(port: number): Promise<SimInverterTruth> {
  const v = await readDevice('sim-inverter', port);
  return {
    activePowerW: required(v, 'activePowerW'),
    setpointW: required(v, 'setpointW'),
    socPct: required(v, 'socPct'),
    status: required(v, 'status'),
  };
}

/** Reads the simulated grid meter on `port`: grid power, W (positive = import). */
export async function readSimGridW(port: number): Promise<number> {
  return required(await readDevice('sim-meter', port), 'gridPowerW');
}

import { describe, expect, it } from 'vitest';
import { ProfiledDevice } from '../devices/modbus/drivers/profiled-device';
import { loadProfile } from '../devices/modbus/profile/profile-loader';
import { buildSunSpecImage } from '../devices/modbus/sunspec/sunspec-image';
import { MemoryTransport } from '../devices/modbus/wire/memory-transport';
import { pointsIn } from '../commissioning/register-handlers';
import { profilePoints } from './console-devices';

/**
 * The register console names the profile's points beside the addresses: where each point of
 * the active site's profile lies, absolute at once, SunSpec once the chain is walked.
 */

describe('profilePoints', () => {
  it("places an absolute profile's points at their addresses, 32-bit points over two registers", async () => {
    const device = new ProfiledDevice(await loadProfile('sim-inverter'), new MemoryTransport());
    const points = profilePoints(device);
    expect(points.find((p) => p.name === 'setpointW')).toEqual({
      name: 'setpointW',
      kind: 'holding',
      address: 8,
      count: 2,
      type: 'int32',
      unit: 'W',
    });
    // A read of 3..8 meets status at 3, ratedChargeW 4-5, ratedDischargeW 6-7 and the
    // first word of setpointW; socPct at 2 and the heartbeat at 10 are outside.
    expect(pointsIn(points, 'holding', 3, 6).map((p) => p.name)).toEqual([
      'status',
      'ratedChargeW',
      'ratedDischargeW',
      'setpointW',
    ]);
    expect(pointsIn(points, 'input', 0, 12)).toEqual([]);
  });

  it('places SunSpec points only once the model chain is known', async () => {
    const transport = new MemoryTransport();
    transport.set(
      'holding',
      40000,
      buildSunSpecImage([
        { id: 1, length: 66 },
        { id: 103, length: 50 },
        { id: 124, length: 24 },
      ]),
    );
    const device = new ProfiledDevice(await loadProfile('sunspec-storage-124'), transport);
    expect(profilePoints(device)).toEqual([]);
    await device.connect();
    // 'SunS' 40000-1, model 1 at 40002 (2 + 66), model 103 at 40070: St is its offset 38.
    expect(profilePoints(device).find((p) => p.name === 'St')?.address).toBe(40108);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createBmsLink, type BmsLink } from '../src/main/devices/can/bms-link';
import { createMemoryCanBus } from '../src/main/devices/can/memory-can-bus';
import { startSimulatedSite, type SimulatedSite } from '../src/main/sim/sim-site';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/**
 * The simulated BMS on CAN: the site sends its battery's Pylontech frames on a transport,
 * and the EMS's own BMS link decodes them into the same reading the model holds.
 */

let site: SimulatedSite | null = null;
let link: BmsLink | null = null;

afterEach(async () => {
  await site?.stop();
  await link?.close();
  site = null;
  link = null;
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('simulated BMS over CAN', () => {
  it('sends the battery state, raises injected alarms and falls silent on request', async () => {
    const bus = createMemoryCanBus({ clock: realTime });
    const simSide = bus.endpoint('sim');
    await simSide.open();
    link = createBmsLink(bus.endpoint('ems'), { clock: realTime, keepalive: false });
    await link.open();
    site = await startSimulatedSite({
      time: realTime,
      initialSocPct: 71,
      bms: { transport: simSide, periodMs: 100 },
      onError: () => undefined,
    });
    const ems = link;
    await waitFor(() => ems.latest() !== null, 3_000);
    const reading = ems.latest()?.value;
    expect(reading?.socPct).toBe(71);
    expect(reading?.chargeEnabled).toBe(true);
    expect(reading?.alarms).toEqual([]);
    expect(Math.abs((reading?.voltageV ?? 0) - site.bmsReading().voltageV)).toBeLessThan(0.02);

    site.model.setFault('bmsAlarm', true);
    await waitFor(() => ems.latest()?.value.alarms.includes('CELL_OVER_VOLTAGE') === true, 2_000);
    expect(ems.latest()?.value.chargeEnabled).toBe(false);

    site.model.setFault('bmsSilent', true);
    expect(site.bmsTalking()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const frozen = ems.stats().framesReceived;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(ems.stats().framesReceived).toBe(frozen);

    site.model.setFault('bmsSilent', false);
    await waitFor(() => ems.stats().framesReceived > frozen, 2_000);
  });
});

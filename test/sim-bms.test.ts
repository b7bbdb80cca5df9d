import { afterEach, describe, expect, it } from 'vitest';
import { createBmsLink, type BmsLink } from '../src/main/devices/can/bms-link';
import { createMemoryCanBus } from '../src/main/devices/can/memory-can-bus';
import { startSimulatedSite, type SimulatedSite } from '../src/main/sim/sim-site';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();
import { waitFor } from './support/wait-for';

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
    await waitFor(() => ems.latest() !== null, { what: 'a BMS reading' });
    const reading = ems.latest()?.value;
    expect(reading?.socPct).toBe(71);
    expect(reading?.chargeEnabled).toBe(true);
    expect(reading?.alarms).toEqual([]);
    expect(Math.abs((reading?.voltageV ?? 0) - site.bmsReading().voltageV)).toBeLessThan(0.02);

    site.model.setFault('bmsAlarm', true);
    await waitFor(() => ems.latest()?.value.alarms.includes('CELL_OVER_VOLTAGE') === true, {
      what: 'the injected alarm',
    });
    expect(ems.latest()?.value.chargeEnabled).toBe(false);

    site.model.setFault('bmsSilent', true);
    expect(site.bmsTalking()).toBe(false);
    // The emitter learns of the fault on the site's next tick; a frame sent before it is
    // delivered by the time the poll below yields.
    const faultAt = site.model.simTimeS;
    await waitFor(() => site?.model.simTimeS !== faultAt, { what: 'a site tick' });
    const frozen = ems.stats().framesReceived;
    // Silence has no event: the window is four more site ticks (100 ms each, the BMS period),
    // counted on the site's own clock so a slow machine stretches it rather than shortens it.
    const windowFrom = site.model.simTimeS;
    await waitFor(() => (site?.model.simTimeS ?? 0) >= windowFrom + 0.4, {
      what: 'four site ticks',
    });
    expect(ems.stats().framesReceived).toBe(frozen);

    site.model.setFault('bmsSilent', false);
    await waitFor(() => ems.stats().framesReceived > frozen, { what: 'frames again' });
  });
});

import { beforeEach, describe, expect, test } from 'vitest';
import { createBmsLink } from '../devices/can/bms-link';
import type { CanTransport } from '../devices/can/can-transport';
import { createMemoryCanBus } from '../devices/can/memory-can-bus';
import { encodeBmsFrames } from '../devices/can/bms-frame-encoder';
import { bmsPortFromLink } from './bms-port';
import { HEALTHY_BMS } from './runtime.test-kit';
import type { VirtualTime } from '../../shared/virtual-time.test-kit';
import { nodeVirtualTime } from '../util/node-virtual-time.test-kit';

/** The time the link and the bus run on; each test starts it afresh. */
let time: VirtualTime;

beforeEach(() => {
  time = nodeVirtualTime({ startMs: 5000 });
});

/** The EMS side of an in-memory CAN bus, and the battery's side to send frames from. */
async function bus(): Promise<{ ems: CanTransport; battery: CanTransport }> {
  const b = createMemoryCanBus({ clock: time });
  const battery = b.endpoint('battery');
  await battery.open();
  return { ems: b.endpoint('ems'), battery };
}

describe('bmsPortFromLink', () => {
  test('names the transport and passes the link reading through', async () => {
    const { ems, battery } = await bus();
    const link = createBmsLink(ems, { clock: time, keepalive: false });
    const port = bmsPortFromLink(link);
    expect(port.label).toBe('BMS on memory:ems');
    await link.open();
    expect(port.latest()).toBeNull();
    for (const frame of encodeBmsFrames(HEALTHY_BMS)) await battery.send(frame);
    await time.runFor(0);
    expect(port.latest()).toMatchObject({ value: { socPct: 60, voltageV: 52 }, at: 5000 });
    expect(port.lastError()).toBeNull();
    await port.close();
  });

  test('reports a transport that is not open', async () => {
    const { ems } = await bus();
    const port = bmsPortFromLink(createBmsLink(ems, { clock: time, keepalive: false }));
    expect(port.lastError()).toBe('CAN transport not open');
  });

  test("reports the link's own transport error, open or not", async () => {
    const { ems } = await bus();
    const failing: CanTransport = {
      ...ems,
      name: 'memory:ems',
      open: () => Promise.reject(new Error('no such device')),
    };
    const link = createBmsLink(failing, { clock: time, keepalive: false });
    const port = bmsPortFromLink(link);
    await link.open();
    expect(port.lastError()).toMatch(/^memory:ems: open failed: .*no such device/);
  });

  test('close() closes the link', async () => {
    const { ems, battery } = await bus();
    const link = createBmsLink(ems, { clock: time, keepalive: false });
    await link.open();
    await bmsPortFromLink(link).close();
    expect(link.stats().open).toBe(false);
    for (const frame of encodeBmsFrames(HEALTHY_BMS)) await battery.send(frame);
    await time.runFor(0);
    expect(link.latest()).toBeNull();
  });
});

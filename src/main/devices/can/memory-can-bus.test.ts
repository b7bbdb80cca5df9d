import { describe, expect, it, vi } from 'vitest';
import type { CanFrame } from './can-transport';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { createMemoryCanBus } from './memory-can-bus';

const frame = (id: number, ...bytes: number[]): CanFrame => ({ id, data: Uint8Array.from(bytes) });

/** Lets queued microtasks (the bus's deliveries) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function openEndpoints(names: string[], clock = new VirtualTime()) {
  const bus = createMemoryCanBus({ clock });
  const endpoints = names.map((name) => bus.endpoint(name));
  await Promise.all(endpoints.map((e) => e.open()));
  const received = endpoints.map(() => [] as Array<{ frame: CanFrame; at: number }>);
  endpoints.forEach((e, i) => e.onFrame((f, at) => received[i]?.push({ frame: f, at })));
  return { bus, endpoints, received };
}

describe('memory CAN bus', () => {
  it('delivers a frame to every other open endpoint, never back to the sender', async () => {
    const { endpoints, received } = await openEndpoints(['a', 'b', 'c']);
    await endpoints[0]?.send(frame(0x351, 1, 2, 3));
    await settle();
    expect(received[0]).toEqual([]);
    expect(received[1]?.map((r) => r.frame)).toEqual([frame(0x351, 1, 2, 3)]);
    expect(received[2]?.map((r) => r.frame)).toEqual([frame(0x351, 1, 2, 3)]);
  });

  it('delivers asynchronously, after send returns', async () => {
    const { endpoints, received } = await openEndpoints(['a', 'b']);
    const sending = endpoints[0]?.send(frame(0x100));
    expect(received[1]).toEqual([]);
    await sending;
    await settle();
    expect(received[1]).toHaveLength(1);
  });

  it('stamps receive time from the injected clock', async () => {
    const time = new VirtualTime({ startMs: 1000 });
    const { endpoints, received } = await openEndpoints(['a', 'b'], time);
    time.advance(234);
    await endpoints[0]?.send(frame(0x100));
    await settle();
    expect(received[1]?.[0]?.at).toBe(1234);
  });

  it('gives nothing to endpoints that are closed, never opened, or closed while a frame is in flight', async () => {
    const bus = createMemoryCanBus({ clock: new VirtualTime() });
    const sender = bus.endpoint('tx');
    const closed = bus.endpoint('closed');
    const neverOpened = bus.endpoint('never');
    const closing = bus.endpoint('closing');
    await Promise.all([sender.open(), closed.open(), closing.open()]);
    await closed.close();
    const got = { closed: 0, never: 0, closing: 0 };
    closed.onFrame(() => got.closed++);
    neverOpened.onFrame(() => got.never++);
    closing.onFrame(() => got.closing++);
    // close() runs before the bus delivers: the frame is in flight when the endpoint goes.
    await Promise.all([sender.send(frame(0x200)), closing.close()]);
    await settle();
    expect(got).toEqual({ closed: 0, never: 0, closing: 0 });
  });

  it('stops calling a listener once it unsubscribes', async () => {
    const { endpoints } = await openEndpoints(['a', 'b']);
    const listener = vi.fn();
    const unsubscribe = endpoints[1]?.onFrame(listener);
    await endpoints[0]?.send(frame(0x1));
    await settle();
    unsubscribe?.();
    await endpoints[0]?.send(frame(0x2));
    await settle();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('rejects frames with more than 8 bytes or an id out of range, naming the problem', async () => {
    const { endpoints, received } = await openEndpoints(['a', 'b']);
    const a = endpoints[0];
    await expect(a?.send({ id: 0x10, data: new Uint8Array(9) })).rejects.toThrow(
      /memory:a: .*9 data bytes.*at most 8/,
    );
    await expect(a?.send(frame(0x800))).rejects.toThrow(/0x800 is out of range for a 11-bit frame/);
    await expect(a?.send(frame(-1))).rejects.toThrow(/out of range/);
    await expect(
      a?.send({ id: 0x20000000, data: new Uint8Array(0), extended: true }),
    ).rejects.toThrow(/29-bit/);
    await a?.send({ id: 0x800, data: new Uint8Array(0), extended: true });
    await settle();
    expect(received[1]?.map((r) => r.frame)).toEqual([
      { id: 0x800, data: new Uint8Array(0), extended: true },
    ]);
  });

  it('refuses to send from an endpoint that is not open', async () => {
    const bus = createMemoryCanBus({ clock: new VirtualTime() });
    await expect(bus.endpoint('idle').send(frame(0x1))).rejects.toThrow(
      /memory:idle: cannot send, the endpoint is not open/,
    );
  });

  it('isolates listeners: one that throws does not stop the others', async () => {
    const errors: string[] = [];
    const bus = createMemoryCanBus({
      clock: new VirtualTime(),
      onListenerError: (name) => errors.push(name),
    });
    const a = bus.endpoint('a');
    const b = bus.endpoint('b');
    await Promise.all([a.open(), b.open()]);
    const good = vi.fn();
    b.onFrame(() => {
      throw new Error('consumer bug');
    });
    b.onFrame(good);
    await a.send(frame(0x1));
    await settle();
    expect(good).toHaveBeenCalledTimes(1);
    expect(errors).toEqual(['memory:b']);
  });

  it('gives each receiver its own copy of the bytes', async () => {
    const { endpoints, received } = await openEndpoints(['a', 'b', 'c']);
    const sent = frame(0x1, 7);
    endpoints[1]?.onFrame((f) => f.data.fill(0));
    await endpoints[0]?.send(sent);
    sent.data[0] = 9;
    await settle();
    expect(received[2]?.[0]?.frame.data).toEqual(Uint8Array.from([7]));
  });
});

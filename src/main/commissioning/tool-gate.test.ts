import { describe, expect, it } from 'vitest';
import type { ModbusTransport } from '../devices/modbus/modbus-transport';
import { nodeVirtualTime } from '../util/node-virtual-time.test-kit';
import { gateToolTraffic, TOOL_REQUESTS_PER_S, watchLoopTraffic } from './tool-gate';

/** A device link that records when each request starts and holds it until released. */
function recordingLink(now: () => number) {
  const starts: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pending: (() => void)[] = [];
  const request = (): Promise<number[]> => {
    starts.push(now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise((resolve) =>
      pending.push(() => {
        inFlight--;
        resolve([1]);
      }),
    );
  };
  const link: ModbusTransport = {
    label: 'inverter 10.0.0.5:502 unit 1',
    isOpen: true,
    connect: () => Promise.resolve(),
    readHolding: request,
    readInput: request,
    writeRegisters: () => request().then(() => undefined),
    close: () => Promise.resolve(),
  };
  return {
    link,
    starts,
    pending,
    maxInFlight: () => maxInFlight,
  };
}

/** Runs `time` for `ms` in steps of `stepMs`, answering each request of `dev` as soon as it started. */
async function answerWhileRunning(
  time: { runFor(ms: number): Promise<void> },
  dev: { readonly pending: (() => void)[] },
  ms: number,
  stepMs: number,
): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    await time.runFor(stepMs);
    while (dev.pending.length > 0) dev.pending.shift()?.();
  }
}

/** Asserts that consecutive starts are at least 1000 / TOOL_REQUESTS_PER_S ms apart. */
function expectSpaced(starts: readonly number[]): void {
  for (let i = 1; i < starts.length; i++)
    expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(
      1000 / TOOL_REQUESTS_PER_S,
    );
}

describe('the per-device tool gate', () => {
  it('lets one tool request be in flight and starts at most 20 a second', async () => {
    const time = nodeVirtualTime();
    const dev = recordingLink(() => time.now());
    const gated = gateToolTraffic(dev.link, time);
    const results = Array.from({ length: 30 }, (_, i) => gated.readHolding(i, 1));
    // Answer every request as soon as it starts, while time runs for two seconds.
    await answerWhileRunning(time, dev, 2000, 5);
    await Promise.all(results);
    expect(dev.starts).toHaveLength(30);
    expect(dev.maxInFlight()).toBe(1);
    expectSpaced(dev.starts);
    // In any one second, no more than 20 started.
    const inFirstSecond = dev.starts.filter((t) => t < (dev.starts[0] ?? 0) + 1000);
    expect(inFirstSecond.length).toBeLessThanOrEqual(TOOL_REQUESTS_PER_S);
  });

  it('keeps the spacing when the timers fire early, as Node\u2019s do by a millisecond or so', async () => {
    const time = nodeVirtualTime();
    // Every wait ends 1.3 ms before it was asked to, though never before 0.5 ms have passed.
    const early = {
      now: () => time.now(),
      timeout: (task: () => void, ms: number) => time.timeout(task, Math.max(0.5, ms - 1.3)),
    };
    const dev = recordingLink(() => time.now());
    const gated = gateToolTraffic(dev.link, early);
    const results = Array.from({ length: 10 }, (_, i) => gated.readHolding(i, 1));
    await answerWhileRunning(time, dev, 1000, 1);
    await Promise.all(results);
    expect(dev.starts).toHaveLength(10);
    expectSpaced(dev.starts);
  });

  it('holds the next tool request while one is unanswered; the loop\u2019s own link is not held', async () => {
    const time = nodeVirtualTime();
    const dev = recordingLink(() => time.now());
    const gated = gateToolTraffic(dev.link, time);
    void gated.readHolding(0, 1);
    void gated.readInput(1, 1);
    await time.runFor(500);
    expect(dev.starts).toHaveLength(1);
    // The control loop reads over the device's transport itself: not queued behind the tool.
    void dev.link.readHolding(40000, 2);
    expect(dev.starts).toHaveLength(2);
    dev.pending.shift()?.();
    await time.runFor(100);
    expect(dev.starts).toHaveLength(3);
  });

  it('a failed tool request frees the gate for the next', async () => {
    const time = nodeVirtualTime();
    let calls = 0;
    const link: ModbusTransport = {
      label: 'meter',
      isOpen: true,
      connect: () => Promise.resolve(),
      readHolding: () =>
        ++calls === 1 ? Promise.reject(new Error('timeout')) : Promise.resolve([7]),
      readInput: () => Promise.resolve([]),
      writeRegisters: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const gated = gateToolTraffic(link, time);
    const first = gated.readHolding(0, 1);
    const second = gated.readHolding(0, 1);
    await expect(first).rejects.toThrow('timeout');
    await time.runFor(100);
    await expect(second).resolves.toEqual([7]);
  });
  it('the control loop goes first: a tool request waits until the loop has none in flight', async () => {
    const time = nodeVirtualTime();
    const dev = recordingLink(() => time.now());
    const loop = watchLoopTraffic(dev.link);
    const gated = gateToolTraffic(dev.link, time, loop);
    const poll = loop.transport.readHolding(40000, 2);
    const tool = gated.readHolding(0, 1);
    await time.runFor(500);
    expect(dev.starts).toHaveLength(1); // the loop's poll only
    // A second poll while the tool waits is not held either.
    const setpoint = loop.transport.writeRegisters(40100, [0]);
    expect(dev.starts).toHaveLength(2);
    dev.pending.shift()?.();
    await poll;
    await time.runFor(100);
    expect(dev.starts).toHaveLength(2); // the setpoint write is still in flight
    dev.pending.shift()?.();
    await setpoint;
    await time.runFor(100);
    expect(dev.starts).toHaveLength(3); // now the tool's turn
    dev.pending.shift()?.();
    await expect(tool).resolves.toEqual([1]);
  });

  it('a failed loop request frees the tools as well', async () => {
    const time = nodeVirtualTime();
    let fail: (err: Error) => void = () => undefined;
    const link: ModbusTransport = {
      label: 'inverter',
      isOpen: true,
      connect: () => Promise.resolve(),
      readHolding: () => new Promise((_resolve, reject) => (fail = reject)),
      readInput: () => Promise.resolve([5]),
      writeRegisters: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const loop = watchLoopTraffic(link);
    const gated = gateToolTraffic(link, time, loop);
    const poll = loop.transport.readHolding(0, 1);
    const tool = gated.readInput(0, 1);
    await time.runFor(200);
    expect(loop.busy()).toBe(true);
    fail(new Error('timeout after 1000 ms'));
    await expect(poll).rejects.toThrow('timeout');
    expect(loop.busy()).toBe(false);
    await time.runFor(100);
    await expect(tool).resolves.toEqual([5]);
  });
});

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PushEnvelope, PushTopic, PushTypes } from '../../shared/contract';
import type { HistorySeries } from '../../shared/history';
import type { FaultLogView } from '../../shared/fault-view';
import type { EmsSnapshot } from '../../shared/snapshot';
import { makeRig, WALL_EPOCH, type RuntimeRig } from '../runtime/runtime.test-kit';
import type { Reply } from '../../shared/reply';
import { EmsService, FAULT_LOG_PUSH_MIN_MS, NEEDS_TOKEN } from './ems-service';

/**
 * The service over a real EmsRuntime whose devices are in-memory fakes (the site's
 * hardware, not the unit under test). Virtual time drives the loop, the throttles and the clock.
 */

const WRITE = { authorised: true };
const READ_ONLY = { authorised: false };
const runFor = async (ms: number): Promise<void> => {
  await rig.clock.runFor(ms);
};

let rig: RuntimeRig;
let service: EmsService;
let pushes: { at: number; push: PushEnvelope }[];

function pushed<T extends PushTopic>(topic: T): PushTypes[T][] {
  return pushes.filter((p) => p.push.topic === topic).map((p) => p.push.payload as PushTypes[T]);
}

function errorOf(reply: Reply): string {
  if (reply.ok) throw new Error('expected an error reply, got ok');
  return reply.error;
}

function result<T>(reply: Reply): T {
  if (!reply.ok) throw new Error(`expected ok, got error: ${reply.error}`);
  return reply.result as T;
}

beforeEach(() => {
  rig = makeRig({ gridW: 800 });
  service = new EmsService({ runtime: rig.runtime, clock: rig.clock });
  pushes = [];
  service.subscribe((push) => pushes.push({ at: rig.clock.now(), push }));
  rig.runtime.start();
});

afterEach(async () => {
  service.dispose();
  await rig.runtime.safeStop(100);
});

describe('requests', () => {
  test('getSnapshot answers the runtime snapshot; a read may leave params out', async () => {
    await runFor(1000);
    const snap = result<EmsSnapshot>(await service.handle('getSnapshot', undefined, READ_ONLY));
    expect(snap).toEqual(rig.runtime.snapshot());
    expect(snap.gridW).toBe(800);
  });

  test('an unknown method gets an error naming it and the known ones', async () => {
    const r = await service.handle('reboot', {}, WRITE);
    expect(errorOf(r)).toMatch(/unknown method "reboot".*getSnapshot/);
  });

  test('bad command params get an error naming the field, and nothing changes', async () => {
    rig.runtime.command({ type: 'start' });
    const before = rig.runtime.coreState();
    const r = await service.handle(
      'command',
      { command: { type: 'setOverridePower', watts: -5 } },
      WRITE,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^command: invalid params: command\.watts: /);
    expect(rig.runtime.coreState()).toBe(before);

    const extra = await service.handle('getSnapshot', { all: true }, READ_ONLY);
    expect(errorOf(extra)).toContain('getSnapshot: invalid params');
    const window = await service.handle('getHistory', { window: '2d' }, READ_ONLY);
    expect(errorOf(window)).toContain('window');
  });

  test('a read-only client cannot command, and the state stays as it was', async () => {
    const r = await service.handle('command', { command: { type: 'start' } }, READ_ONLY);
    expect(r).toEqual({ ok: false, error: NEEDS_TOKEN });
    await runFor(500);
    expect(rig.runtime.snapshot().state).toBe('STOP');
  });

  test('a command runs on the runtime; a rejected one carries the core reason', async () => {
    const rejected = await service.handle(
      'command',
      { command: { type: 'setMode', mode: 'SELF_CONSUMPTION' } },
      WRITE,
    );
    expect(rejected).toEqual({ ok: true, result: { ok: false, reason: 'stopped: start first' } });
    expect(await service.handle('command', { command: { type: 'start' } }, WRITE)).toEqual({
      ok: true,
      result: { ok: true },
    });
    await runFor(500);
    expect(rig.runtime.snapshot().state).toBe('STANDBY');
  });

  test('getHistory serves the ring in buckets of the window', async () => {
    await runFor(10_000);
    const s = result<HistorySeries>(
      await service.handle('getHistory', { window: '5m' }, READ_ONLY),
    );
    expect(s.window).toBe('5m');
    expect(s.bucketMs).toBe(1000);
    expect(s.buckets.length).toBeGreaterThanOrEqual(9);
    expect(s.buckets.length).toBeLessThanOrEqual(11);
    expect(s.buckets.at(-1)?.gridW).toEqual([800, 800]);
  });
});

describe('pushes', () => {
  test('snapshots are throttled to 10 per second and the latest one wins', async () => {
    rig.runtime.command({ type: 'start' });
    // A burst of 200 commands in 2 s: each publishes a snapshot.
    for (let i = 1; i <= 200; i++) {
      rig.runtime.command({ type: 'setGridTarget', watts: i });
      await runFor(10);
    }
    await runFor(200);
    const snaps = pushes.filter((p) => p.push.topic === 'snapshot');
    for (const p of snaps) {
      const inSecond = snaps.filter((q) => q.at >= p.at && q.at < p.at + 1000);
      expect(inSecond.length).toBeLessThanOrEqual(10);
    }
    expect(snaps.length).toBeGreaterThanOrEqual(18);
    expect((snaps.at(-1)?.push.payload as EmsSnapshot).gridTargetW).toBe(200);
  });

  test('one trend sample per second, with wall-clock times', async () => {
    await runFor(5000);
    const samples = pushed('history');
    expect(samples.length).toBeGreaterThanOrEqual(4);
    expect(samples.length).toBeLessThanOrEqual(6);
    for (let i = 1; i < samples.length; i++)
      expect(Math.floor(samples[i]!.t / 1000)).toBe(Math.floor(samples[i - 1]!.t / 1000) + 1);
    expect(samples[0]!.t).toBeGreaterThanOrEqual(WALL_EPOCH);
  });

  test('core events are pushed with ISO wall-clock times', async () => {
    await runFor(1000);
    rig.runtime.command({ type: 'start' });
    const events = pushed('event');
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)?.kind).toBe('state');
    expect(Date.parse(events.at(-1)!.time)).toBeGreaterThan(WALL_EPOCH);
  });

  test('a fault is pushed in the fault log with the trend of the seconds before it', async () => {
    rig.runtime.command({ type: 'start' });
    rig.runtime.command({ type: 'setMode', mode: 'SELF_CONSUMPTION' });
    await runFor(40_000);
    expect(pushed('faultLog')).toEqual([]);
    rig.meter.readAnswer = new Error('meter test:1: connection refused');
    await runFor(2000 + FAULT_LOG_PUSH_MIN_MS);

    const logs = pushed('faultLog');
    expect(logs.length).toBeGreaterThanOrEqual(1);
    const entry = logs.at(-1)?.find((e) => e.code === 'METER_COMM_LOSS' && e.kind === 'raised');
    expect(entry).toBeDefined();
    const raised = entry as FaultLogView;
    expect(raised.measurements.gridW).toBe(800);
    expect(raised.measurements.gridAgeMs).toBeGreaterThan(500);
    const at = Date.parse(raised.time);
    expect(raised.before.length).toBeGreaterThanOrEqual(29);
    expect(raised.before.every((s) => s.t <= at && s.t >= at - 30_000)).toBe(true);
    expect(raised.before[0]?.gridW).toBe(800);

    const served = result<FaultLogView[]>(await service.handle('getFaultLog', {}, READ_ONLY));
    expect(served).toEqual(logs.at(-1));
  });

  test('after dispose nothing more is pushed', async () => {
    await runFor(1000);
    service.dispose();
    const count = pushes.length;
    await runFor(3000);
    expect(pushes.length).toBe(count);
  });
});

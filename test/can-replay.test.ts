import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBmsLink } from '../src/main/devices/can/bms-link';
import { createCandumpReplayTransport } from '../src/main/devices/can/candump-log-replay';
import type { CanFrame, CanTransport } from '../src/main/devices/can/can-transport';
import { createCanTransport } from '../src/main/devices/can/can-transport-factory';
import { ROOT } from './support/tsx-process';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/** candump log replay: recorded timing, scaled or as fast as possible, looped, and bad logs. */

const LOG = join(ROOT, 'test/fixtures/can-pylontech-v12.log');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function record(transport: CanTransport): Array<{ frame: CanFrame; at: number }> {
  const got: Array<{ frame: CanFrame; at: number }> = [];
  transport.onFrame((frame, at) => got.push({ frame, at }));
  cleanups.push(() => transport.close());
  return got;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('candump log replay', () => {
  it('keeps the recorded spacing, scaled by speed', async () => {
    const replay = createCandumpReplayTransport({ clock: realTime, file: LOG, speed: 4 });
    const got = record(replay);
    const started = Date.now();
    await replay.open();
    await sleep(1400);
    expect(got).toHaveLength(30);
    const sets = got.filter((g) => g.frame.id === 0x351).map((g) => g.at - started);
    // Recorded 1 s apart, played 4x: about 250 ms apart.
    expect(sets).toHaveLength(5);
    sets.slice(1).forEach((at, i) => expect(Math.abs(at - (sets[i] ?? 0) - 250)).toBeLessThan(60));
    expect(got[0]?.frame).toEqual({
      id: 0x351,
      data: Uint8Array.from([0x28, 0x02, 0x58, 0x02, 0x84, 0x03, 0, 0]),
    });
  });

  it('plays as fast as possible at speed 0, and loops when asked, keeping the period at the seam', async () => {
    const fast = createCandumpReplayTransport({ clock: realTime, file: LOG, speed: 0 });
    const burst = record(fast);
    await fast.open();
    await sleep(100);
    expect(burst).toHaveLength(30);

    const looped = createCandumpReplayTransport({
      clock: realTime,
      file: LOG,
      speed: 10,
      loop: true,
    });
    const got = record(looped);
    await looped.open();
    await sleep(1300);
    const sets = got.filter((g) => g.frame.id === 0x351).map((g) => g.at);
    // 5 sets per 0.5 s loop; the seam keeps the 100 ms rhythm.
    expect(sets.length).toBeGreaterThanOrEqual(11);
    const gaps = sets.slice(1).map((at, i) => at - (sets[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(160);
    expect(Math.min(...gaps)).toBeGreaterThan(50);
    await looped.close();
    const after = got.length;
    await sleep(200);
    expect(got).toHaveLength(after);
  });

  it('feeds a BMS link the logged reading, through the site-file factory with a relative path', async () => {
    const transport = createCanTransport(
      { type: 'replay', file: 'fixtures/can-pylontech-v12.log', speed: 0, loop: false },
      join(ROOT, 'test'),
      { clock: realTime },
    );
    const link = createBmsLink(transport, { clock: realTime, keepalive: true });
    cleanups.push(() => link.close());
    await link.open();
    await sleep(100);
    expect(link.latest()?.value).toMatchObject({
      socPct: 64,
      voltageV: 52.3,
      chargeCurrentLimitA: 60,
      dischargeCurrentLimitA: 90,
    });
    expect(link.stats()).toMatchObject({
      framesDecoded: 30,
      transportErrors: 0,
      keepalivesSent: 1,
    });
  });

  it('refuses a malformed log, naming the file and the line, and a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'can-replay-'));
    const bad = join(dir, 'bad.log');
    await writeFile(
      bad,
      '(1700000000.000000) can0 351#2802\n(1700000000.100000) can0 355#4000XX\n',
    );
    await expect(
      createCandumpReplayTransport({ clock: realTime, file: bad }).open(),
    ).rejects.toThrow(`candump log ${bad} line 2: data "4000XX" is not whole hex bytes`);
    await expect(
      createCandumpReplayTransport({ clock: realTime, file: join(dir, 'none.log') }).open(),
    ).rejects.toThrow(/^replay:none\.log: cannot read .*none\.log: ENOENT/);
  });
});

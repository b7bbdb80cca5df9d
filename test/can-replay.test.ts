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
import { nodeVirtualTime } from '../src/main/util/node-virtual-time.test-kit';
import type { VirtualTime } from '../src/shared/virtual-time.test-kit';
import { waitFor } from './support/wait-for';

/** The real time the file-reading checks run on. */
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

// Replay timing is checked in virtual time: the fake clock moves only when the test says so, so
// a loaded machine cannot stretch a gap. setImmediate (speed 0 bursts) and file reads stay real.
function useVirtualTime(): VirtualTime {
  return nodeVirtualTime();
}

describe('candump log replay', () => {
  it('keeps the recorded spacing, scaled by speed', async () => {
    const time = useVirtualTime();
    const clock = (): number => time.now();
    const replay = createCandumpReplayTransport({ file: LOG, speed: 4, clock: time });
    const got = record(replay);
    const started = clock();
    await replay.open();
    // Recorded 1 s apart, played 4x: a set every 250 ms; the six frames of a set 1 ms apart
    // become 0.25 ms apart, so one set lands within a millisecond.
    expect(got).toHaveLength(1);
    for (let set = 1; set <= 5; set++) {
      await time.runFor(set === 1 ? 2 : 250);
      expect(got).toHaveLength(set * 6);
    }
    const sets = got.filter((g) => g.frame.id === 0x351).map((g) => g.at - started);
    expect(sets).toEqual([0, 250, 500, 750, 1000]);
    expect(got[0]?.frame).toEqual({
      id: 0x351,
      data: Uint8Array.from([0x28, 0x02, 0x58, 0x02, 0x84, 0x03, 0, 0]),
    });
  });

  it('plays as fast as possible at speed 0', async () => {
    const fast = createCandumpReplayTransport({ clock: realTime, file: LOG, speed: 0 });
    const burst = record(fast);
    await fast.open();
    await waitFor(() => burst.length === 30, { what: 'the 30 logged frames' });
    expect(burst.map((g) => g.frame.id).slice(0, 6)).toEqual([
      0x351, 0x355, 0x356, 0x359, 0x35c, 0x35e,
    ]);
  });

  it('loops when asked, keeping the period at the seam, and stops when closed', async () => {
    const time = useVirtualTime();
    const clock = (): number => time.now();
    const looped = createCandumpReplayTransport({ file: LOG, speed: 10, loop: true, clock: time });
    const got = record(looped);
    const started = clock();
    await looped.open();
    await time.runFor(1200);
    const sets = got.filter((g) => g.frame.id === 0x351).map((g) => g.at - started);
    // A loop is the 4.005 s log plus a 1 s seam (the 0x351 period), played 10x: 500.5 ms. So
    // 5 sets per loop, 100 ms apart, and the seam gap rounds up to the next whole ms.
    expect(sets).toEqual([0, 100, 200, 300, 400, 501, 601, 701, 801, 901, 1001, 1101]);
    await looped.close();
    const after = got.length;
    await time.runFor(1000);
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
    await waitFor(() => link.stats().framesDecoded === 30, { what: 'the 30 logged frames' });
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

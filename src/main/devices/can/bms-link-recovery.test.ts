import { beforeEach, describe, expect, it } from 'vitest';
import type { BmsReading } from '../../core/measurements';
import { createBmsLink } from './bms-link';
import type { CanFrame, CanTransport } from './can-transport';
import { encodeBmsFrames } from './bms-frame-encoder';
import type { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { nodeVirtualTime } from '../../util/node-virtual-time.test-kit';

/** The time the link and the bus run on; each test starts it afresh. */
let time: VirtualTime;

/** The BMS link when things go wrong: lost transports, failed opens, malformed frames. */

const READING: BmsReading = {
  socPct: 72,
  sohPct: 98,
  voltageV: 52.44,
  currentA: -15.3,
  temperatureC: 21.7,
  chargeVoltageLimitV: 55.2,
  chargeCurrentLimitA: 50,
  dischargeCurrentLimitA: 80,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: [],
};

beforeEach(() => {
  time = nodeVirtualTime({ startMs: 10_000 });
});

/** A transport the test drives: frames in, a lost connection, opens that fail on demand. */
function scriptedTransport() {
  let frameListener: ((frame: CanFrame, at: number) => void) | null = null;
  let problemListener: ((p: { message: string; disconnected: boolean }) => void) | null = null;
  const state = { opens: 0, failNextOpens: 0 };
  const transport: CanTransport = {
    name: 'scripted',
    open: () => {
      state.opens++;
      if (state.failNextOpens > 0) {
        state.failNextOpens--;
        return Promise.reject(new Error('connection refused'));
      }
      return Promise.resolve();
    },
    send: () => Promise.resolve(),
    onFrame: (l) => {
      frameListener = l;
      return () => (frameListener = null);
    },
    onProblem: (l) => {
      problemListener = l;
      return () => (problemListener = null);
    },
    close: () => Promise.resolve(),
  };
  return {
    transport,
    state,
    deliver: (frames: readonly CanFrame[], at: number) =>
      frames.forEach((f) => frameListener?.(f, at)),
    lose: () => problemListener?.({ message: 'scripted: connection lost', disconnected: true }),
    hiccup: (message: string) => problemListener?.({ message, disconnected: false }),
  };
}

describe('BMS link recovery and problems', () => {
  it('drops the reading at once when the transport is lost, then reopens and recovers', async () => {
    const s = scriptedTransport();
    const errors: string[] = [];
    const link = createBmsLink(s.transport, {
      clock: time,
      keepalive: false,
      retryMs: 500,
      onError: (m) => errors.push(m),
    });
    await link.open();
    s.deliver(encodeBmsFrames(READING), 10_000);
    expect(link.latest()?.value.socPct).toBe(72);
    expect(link.problem()).toBeNull();

    s.lose();
    expect(link.latest()).toBeNull();
    expect(link.stats().open).toBe(false);
    expect(link.problem()).toBe('scripted: connection lost');

    s.state.failNextOpens = 2;
    await time.runFor(1500);
    expect(s.state.opens).toBe(4);
    expect(link.stats()).toMatchObject({ open: true, reopens: 1 });
    // Same failure twice in a row is logged once.
    expect(errors).toEqual([
      'scripted: connection lost',
      'scripted: open failed: connection refused',
    ]);
    // Reopened, but the frames from before the loss are old: the reading is there, its age honest.
    expect(link.latest()?.at).toBe(10_000);
    expect(link.problem()).toBe('scripted: open failed: connection refused');
    s.deliver(encodeBmsFrames(READING), 12_000);
    expect(link.latest()?.at).toBe(12_000);
    expect(link.problem()).toBeNull();
    await link.close();
    await time.runFor(2000);
    expect(s.state.opens).toBe(4);
  });

  it('retries an open that failed until it succeeds, and stops retrying when closed', async () => {
    const s = scriptedTransport();
    s.state.failNextOpens = 100;
    const link = createBmsLink(s.transport, { clock: time, keepalive: false, retryMs: 1000 });
    await link.open();
    await time.runFor(3000);
    expect(s.state.opens).toBe(4);
    expect(link.problem()).toBe('scripted: open failed: connection refused');
    await link.close();
    await time.runFor(5000);
    expect(s.state.opens).toBe(4);
  });

  it('shows a malformed frame as the problem until its id decodes again; counts stay in stats', async () => {
    const s = scriptedTransport();
    const errors: string[] = [];
    const link = createBmsLink(s.transport, {
      clock: time,
      keepalive: false,
      onError: (m) => errors.push(m),
    });
    await link.open();
    s.deliver(encodeBmsFrames(READING), 10_000);
    s.deliver(
      [
        { id: 0x356, data: Uint8Array.from([1, 2]) },
        { id: 0x356, data: Uint8Array.from([1]) },
      ],
      10_100,
    );
    s.deliver([{ id: 0x7ff, data: new Uint8Array(1) }], 10_100);
    expect(link.problem()).toBe(
      'frame 0x356 (voltage/current/temperature) has 1 byte(s); its fields need at least 6 (2 malformed frame(s) so far)',
    );
    expect(link.stats()).toMatchObject({
      framesMalformed: 2,
      framesUnknown: 1,
      unknownIds: [0x7ff],
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^scripted: frame 0x356 .* \(further ones only counted\)$/);
    s.deliver(encodeBmsFrames(READING), 11_000);
    expect(link.problem()).toBeNull();
    expect(link.stats().lastMalformedReason).toContain('0x356');
  });

  it('shows a transport hiccup until the next good frame, without dropping the reading', async () => {
    const s = scriptedTransport();
    const link = createBmsLink(s.transport, { clock: time, keepalive: false });
    await link.open();
    s.deliver(encodeBmsFrames(READING), 10_000);
    s.hiccup('scripted: the adapter answered with an error (BEL)');
    expect(link.latest()).not.toBeNull();
    expect(link.problem()).toBe('scripted: the adapter answered with an error (BEL)');
    s.deliver(encodeBmsFrames(READING), 11_000);
    expect(link.problem()).toBeNull();
    expect(link.stats().transportErrors).toBe(1);
  });
});

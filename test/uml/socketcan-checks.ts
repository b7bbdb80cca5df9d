import type { BmsLink } from '../../src/main/devices/can/bms-link';
import { candump, cansend } from './can-utils';
import type { CheckOutcome } from './check-results';
import { failWith, pass } from './check-results';
import { createCoreScenario, SCENARIO_CONFIG } from './core-scenario';
import type { CoreScenario } from './core-scenario';
import {
  ALARM_FRAMES,
  HEALTHY_FRAMES,
  HEALTHY_READING,
  OVER_VOLTAGE_ALARM_CODE,
  readingDifferences,
} from './pylontech-test-frames';
import { sleep, waitFor } from './wait-for';

/**
 * The checks of the real-SocketCAN test, in the order they run. Each one drives the real
 * link over vcan0 with can-utils on the other end and returns a verdict with a reason.
 */

/** How long a frame sent with cansend may take to show up in the link's reading, ms. */
const DECODE_WAIT_MS = 3000;

/** Everything the checks share. */
export interface CheckContext {
  readonly iface: string;
  readonly link: BmsLink;
  readonly core: CoreScenario;
}

/** Creates the shared context (the core starts in STOP). */
export function createCheckContext(iface: string, link: BmsLink): CheckContext {
  return { iface, link, core: createCoreScenario() };
}

async function sendAll(iface: string, frames: readonly string[]): Promise<void> {
  for (const frame of frames) await cansend(iface, frame);
}

/** The transport opened: the native `socketcan` module loaded and bound a raw CAN socket. */
export async function transportOpens(ctx: CheckContext): Promise<CheckOutcome> {
  await ctx.link.open();
  const stats = ctx.link.stats();
  if (!stats.open) return failWith(`link did not open: ${stats.lastTransportError ?? '?'}`);
  return pass;
}

/** Frames from cansend assemble into a reading with the values encoded by hand. */
export async function readingAssembled(ctx: CheckContext): Promise<CheckOutcome> {
  if (ctx.link.latest() !== null) return failWith('a reading existed before any frame was sent');
  await sendAll(ctx.iface, HEALTHY_FRAMES);
  const reading = await waitFor(() => ctx.link.latest() ?? undefined, DECODE_WAIT_MS);
  if (reading === undefined) {
    return failWith(`no reading within ${DECODE_WAIT_MS} ms; ${JSON.stringify(ctx.link.stats())}`);
  }
  const differences = readingDifferences(reading.value, HEALTHY_READING);
  return differences.length === 0 ? pass : failWith(differences.join('; '));
}

/** candump, a separate socket on the bus, sees the link's 0x305 keepalive at about 1 Hz. */
export async function keepaliveSeen(ctx: CheckContext): Promise<CheckOutcome> {
  const frames = await candump(ctx.iface, '305:7FF', 2, 4000);
  if (frames.length < 2) return failWith(`candump saw ${frames.length} keepalive(s) in 4 s`);
  const bad = frames.find((frame) => frame.id !== '305' || frame.data !== '0000000000000000');
  if (bad !== undefined) return failWith(`unexpected frame ${bad.id}#${bad.data}`);
  const [first, second] = frames;
  const gapS = (second?.time ?? 0) - (first?.time ?? 0);
  if (gapS < 0.5 || gapS > 1.5) return failWith(`keepalives ${gapS.toFixed(3)} s apart, want ~1 s`);
  const stats = ctx.link.stats();
  if (stats.transportErrors !== 0) return failWith(`transport errors: ${stats.lastTransportError}`);
  return pass;
}

/** The core, fed the live BMS reading, runs self-consumption and discharges against import. */
export async function coreSelfConsumption(ctx: CheckContext): Promise<CheckOutcome> {
  // A fresh set, as a real BMS sends every second: the first one is seconds old by now.
  await sendAll(ctx.iface, HEALTHY_FRAMES);
  await sleep(100);
  const now = Date.now();
  const bms = ctx.link.latest();
  if (bms === null) return failWith('no BMS reading');
  const age = now - bms.at;
  if (age < 0 || age > SCENARIO_CONFIG.timeouts.bmsMs) {
    return failWith(`BMS sample ${age} ms old: the transport does not stamp frames with Date.now`);
  }
  ctx.core.command({ type: 'start' }, now);
  ctx.core.command({ type: 'setMode', mode: 'SELF_CONSUMPTION' }, now);
  ctx.core.step(bms, now);
  // A second step some time later, so the ramp lets the setpoint move off 0 W.
  await sleep(300);
  const result = ctx.core.step(ctx.link.latest(), Date.now());
  const { state, links } = result.state;
  if (state !== 'SELF_CONSUMPTION') {
    return failWith(`state ${state}, links ${JSON.stringify(links)}, faults ${faultText(ctx)}`);
  }
  if (links.bms !== 'ok') return failWith(`bms link ${links.bms}`);
  if (!(result.setpointW > 0)) return failWith(`setpoint ${result.setpointW} W, want discharge`);
  return pass;
}

/** A 0x359 frame with the over-voltage protection bit shows up as that alarm. */
export async function alarmDecoded(ctx: CheckContext): Promise<CheckOutcome> {
  await sendAll(ctx.iface, ALARM_FRAMES);
  const reading = await waitFor(() => {
    const sample = ctx.link.latest();
    return sample?.value.alarms.includes(OVER_VOLTAGE_ALARM_CODE) === true ? sample : undefined;
  }, DECODE_WAIT_MS);
  if (reading === undefined) {
    return failWith(`alarms still ${JSON.stringify(ctx.link.latest()?.value.alarms)}`);
  }
  const want = { ...HEALTHY_READING, alarms: [OVER_VOLTAGE_ALARM_CODE] };
  const differences = readingDifferences(reading.value, want);
  return differences.length === 0 ? pass : failWith(differences.join('; '));
}

/** The next step faults on the alarm (not on comm loss) and drives the output to 0 W. */
export function coreFaultOnAlarm(ctx: CheckContext): Promise<CheckOutcome> {
  const result = ctx.core.step(ctx.link.latest(), Date.now());
  const { state, activeFaults, links } = result.state;
  const alarm = activeFaults.find((fault) => fault.code === 'BMS_PROTECTION_ALARM');
  if (state !== 'FAULT') return Promise.resolve(failWith(`state ${state}, want FAULT`));
  if (alarm === undefined) return Promise.resolve(failWith(`faults ${faultText(ctx)}`));
  if (!alarm.message.includes(OVER_VOLTAGE_ALARM_CODE)) {
    return Promise.resolve(failWith(`fault message "${alarm.message}" lacks the reason`));
  }
  if (links.bms !== 'ok') return Promise.resolve(failWith(`bms link ${links.bms}, want ok`));
  if (result.setpointW !== 0) return Promise.resolve(failWith(`setpoint ${result.setpointW} W`));
  return Promise.resolve(pass);
}

function faultText(ctx: CheckContext): string {
  const faults = ctx.core.state().activeFaults;
  return faults.length === 0 ? 'none' : faults.map((f) => `${f.code} (${f.message})`).join('; ');
}

import type { MeasuredValue } from '../../../shared/check-views';
import type { CheckFn, CheckOutcome } from './check-context';
import { round } from './check-context';

/** The BMS and the inverter may disagree on SOC by this much before it is worth a warn, %. */
const SOC_TOLERANCE_PCT = 10;
/** How long the check waits for a fresh reading, ms. */
const WAIT_MS = 5000;

/**
 * bmsLink: frames arrive, the protocol is recognised (the profile decodes a full reading),
 * the limits are read, and the SOC agrees with the inverter's where both report one.
 * It commands nothing.
 */
export const bmsLinkCheck: CheckFn = async (ctx): Promise<CheckOutcome> => {
  const bms = ctx.bms;
  if (bms === null) {
    return {
      status: 'warn',
      measured: { framesSeen: null },
      message: 'This site has no CAN BMS: the SOC comes from the inverter. Nothing to check.',
    };
  }
  ctx.progress(`listening to ${bms.port.label}`);
  const started = ctx.clock.now();
  const fresh = (): boolean => {
    const latest = bms.port.latest();
    return latest !== null && latest.at >= started;
  };
  if (!fresh()) await ctx.sampler.waitFor(fresh, WAIT_MS);
  const latest = bms.port.latest();
  const frames = bms.framesSeen();
  const inverterSoc = ctx.sampler.samples.at(-1)?.socPct ?? null;
  if (latest === null || latest.at < started) {
    return {
      status: 'fail',
      measured: {
        framesSeen: frames,
        protocol: bms.protocol,
        ageMs: latest === null ? null : round(ctx.clock.now() - latest.at),
      },
      message:
        frames !== null && frames > 0
          ? `Frames arrive but none decodes as ${bms.protocol}: check the BMS protocol setting. ${bms.port.lastError() ?? ''}`.trim()
          : `No BMS frames within ${WAIT_MS / 1000} s: check the CAN wiring, bit rate and termination. ${bms.port.lastError() ?? ''}`.trim(),
    };
  }
  const r = latest.value;
  const socDiff = inverterSoc === null ? null : r.socPct - inverterSoc;
  const measured: Record<string, MeasuredValue> = {
    framesSeen: frames,
    protocol: bms.protocol,
    ageMs: round(ctx.clock.now() - latest.at),
    socPct: round(r.socPct, 1),
    inverterSocPct: inverterSoc === null ? null : round(inverterSoc, 1),
    socDiffPct: socDiff === null ? null : round(socDiff, 1),
    voltageV: round(r.voltageV, 1),
    chargeCurrentLimitA: round(r.chargeCurrentLimitA, 1),
    dischargeCurrentLimitA: round(r.dischargeCurrentLimitA, 1),
    chargeVoltageLimitV:
      r.chargeVoltageLimitV === undefined ? null : round(r.chargeVoltageLimitV ?? null, 1),
    alarms: r.alarms.join(', '),
  };
  const limitsRead = r.chargeCurrentLimitA >= 0 && r.dischargeCurrentLimitA >= 0;
  if (!limitsRead)
    return {
      status: 'fail',
      measured,
      message: 'The BMS sends no usable charge/discharge limits.',
    };
  if (r.alarms.length > 0)
    return { status: 'fail', measured, message: `The BMS reports alarms: ${r.alarms.join(', ')}.` };
  if (socDiff !== null && Math.abs(socDiff) > SOC_TOLERANCE_PCT) {
    return {
      status: 'warn',
      measured,
      message: `The BMS says ${r.socPct.toFixed(1)} % and the inverter ${inverterSoc?.toFixed(1) ?? '?'} %: check that both see the same battery (the EMS uses the BMS's).`,
    };
  }
  return {
    status: 'pass',
    measured,
    message: `${bms.protocol} frames decode; limits ${r.chargeCurrentLimitA} A charge / ${r.dischargeCurrentLimitA} A discharge; SOC ${r.socPct.toFixed(1)} %${inverterSoc === null ? '' : ` (inverter ${inverterSoc.toFixed(1)} %)`}.`,
  };
};

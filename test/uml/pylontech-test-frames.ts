import type { BmsReading } from '../../src/main/core';

/**
 * Pylontech v1.2 frames in cansend syntax, encoded by hand from the published layout
 * (little-endian, as in src/main/devices/can/pylontech-protocol.ts), not by the project's
 * encoder: the decoder under test must agree with bytes it did not produce.
 */

/**
 * A healthy battery: 76 % SOC, 51.23 V, discharging 12.5 A (the BMS counts charge current
 * as positive), no alarms or warnings, charge and discharge enabled.
 */
export const HEALTHY_FRAMES: readonly string[] = [
  // CVL 56.8 V (568 = 0x0238), CCL 74.0 A (0x02E4), DCL 100.0 A (0x03E8), DVL 44.0 V (0x01B8).
  '351#3802E402E803B801',
  // SOC 76 % (0x004C), SOH 98 % (0x0062).
  '355#4C006200',
  // 51.23 V (5123 = 0x1403), -12.5 A (-125 = 0xFF83), 23.4 degC (234 = 0x00EA).
  '356#031483FFEA00',
  // No protection or warning bits; 2 modules; "PN".
  '359#000000000002504E',
  // bit7 charge enable, bit6 discharge enable.
  '35C#C000',
];

/** The same battery with byte 0 bit 1 of 0x359 set: cell over-voltage protection. */
export const OVER_VOLTAGE_ALARM_FRAME = '359#020000000002504E';

/** The alarm code the decoder must report for {@link OVER_VOLTAGE_ALARM_FRAME}. */
export const OVER_VOLTAGE_ALARM_CODE = 'CELL_OVER_VOLTAGE';

/** The healthy set with the alarm frame in place of the clean 0x359. */
export const ALARM_FRAMES: readonly string[] = HEALTHY_FRAMES.map((frame) =>
  frame.startsWith('359#') ? OVER_VOLTAGE_ALARM_FRAME : frame,
);

/** What {@link HEALTHY_FRAMES} must decode to. */
export const HEALTHY_READING: BmsReading = {
  socPct: 76,
  sohPct: 98,
  voltageV: 51.23,
  currentA: -12.5,
  temperatureC: 23.4,
  chargeVoltageLimitV: 56.8,
  chargeCurrentLimitA: 74,
  dischargeCurrentLimitA: 100,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: [],
};

/** Differences between a decoded reading and the expected one, as "field: got X, want Y". */
export function readingDifferences(got: BmsReading, want: BmsReading): string[] {
  const differences: string[] = [];
  for (const key of Object.keys(want) as (keyof BmsReading)[]) {
    const a = got[key];
    const b = want[key];
    const same =
      typeof a === 'number' && typeof b === 'number'
        ? Math.abs(a - b) < 1e-6
        : JSON.stringify(a) === JSON.stringify(b);
    if (!same) differences.push(`${key}: got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`);
  }
  return differences;
}

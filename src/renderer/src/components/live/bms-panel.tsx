import type { JSX } from 'react';
import type { BmsStatus } from '../../../../shared/snapshot';
import {
  formatBmsCurrent,
  formatFlag,
  formatPercent,
  formatUnit,
} from '../../format/format-values';
import { formatPower } from '../../format/power-words';
import { LiveValue } from '../common/live-value';

/** A current limit with its power at the present pack voltage (what it allows in W). */
function limitText(amps: number, volts: number | null): string {
  const base = `${amps.toFixed(1)} A`;
  return volts === null ? base : `${base} \u2248 ${formatPower(amps * volts)}`;
}

/**
 * The battery as its BMS reports it. On a site without a BMS the panel says so; with a
 * BMS that went quiet every value is stale (null), never the last reading.
 */
export function BmsPanel(props: {
  bms: BmsStatus | null;
  hasBms: boolean;
  current: boolean;
}): JSX.Element {
  if (!props.hasBms) {
    return (
      <section className="panel" aria-labelledby="bms-title">
        <h2 id="bms-title">Battery (BMS)</h2>
        <p className="hint">This site has no CAN BMS: SOC comes from the inverter.</p>
      </section>
    );
  }
  const b = props.bms;
  const c = props.current && b !== null;
  const v = b?.voltageV ?? null;
  const row = (label: string, value: number | boolean | null, text: string): JSX.Element => (
    <>
      <dt>{label}</dt>
      <dd>
        <LiveValue value={value} current={c}>
          {text}
        </LiveValue>
      </dd>
    </>
  );
  return (
    <section className="panel" aria-labelledby="bms-title">
      <h2 id="bms-title">Battery (BMS)</h2>
      <dl className="kv">
        {row('Voltage', v, formatUnit(v, 'V'))}
        {row('Current', b?.currentA ?? null, formatBmsCurrent(b?.currentA ?? null))}
        {row(
          'Temperature',
          b?.temperatureC ?? null,
          formatUnit(b?.temperatureC ?? null, '\u00b0C'),
        )}
        {row('SOH', b?.sohPct ?? null, formatPercent(b?.sohPct ?? null))}
        {row(
          'CCL (charge)',
          b?.chargeCurrentLimitA ?? null,
          limitText(b?.chargeCurrentLimitA ?? 0, v),
        )}
        {row(
          'DCL (discharge)',
          b?.dischargeCurrentLimitA ?? null,
          limitText(b?.dischargeCurrentLimitA ?? 0, v),
        )}
        {row('Charging', b?.chargeEnabled ?? null, formatFlag(b?.chargeEnabled ?? null))}
        {row('Discharging', b?.dischargeEnabled ?? null, formatFlag(b?.dischargeEnabled ?? null))}
        <dt>Alarms</dt>
        <dd>
          <LiveValue
            value={b ? b.alarms.join(' ') : null}
            current={c}
            className={b?.alarms.length ? 'codes' : undefined}
          >
            {b && b.alarms.length > 0 ? b.alarms.join(', ') : 'none'}
          </LiveValue>
        </dd>
        <dt>Warnings</dt>
        <dd>
          <LiveValue value={b ? b.warnings.join(' ') : null} current={c}>
            {b && b.warnings.length > 0 ? b.warnings.join(', ') : 'none'}
          </LiveValue>
        </dd>
      </dl>
    </section>
  );
}

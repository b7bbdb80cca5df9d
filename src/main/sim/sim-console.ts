import { SIM_FAULTS, type SimFault } from './sim-faults';
import type { SiteModel } from './site-model';
import { describeError } from '../util/describe-error';

/**
 * The simulator process's operator console: the periodic status line, and one-line commands
 * read from stdin to inject faults while an EMS is connected (practice before a real site).
 * Pure functions of the model; the CLI owns the streams.
 */

const CONSOLE_HELP = [
  'commands:',
  `  <fault> on|off            faults: ${SIM_FAULTS.join(', ')}`,
  '  alarm <CODE> on|off       a BMS protection alarm, e.g. alarm OVER_TEMPERATURE on',
  '  warning <CODE> on|off     a BMS warning, e.g. warning HIGH_TEMPERATURE on',
  '  ambient <degC>            room temperature the battery drifts towards',
  '  status                    print the status line now',
].join('\n');

function clockText(simTimeS: number): string {
  const s = Math.floor(((simTimeS % 86_400) + 86_400) % 86_400);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3_600))}:${pad(Math.floor((s % 3_600) / 60))}:${pad(s % 60)}`;
}

/** One status line: simulated time of day, the power flows, SOC, setpoint and active faults. */
export function formatStatusLine(model: SiteModel, remoteError: string | null = null): string {
  const s = model.snapshot();
  const w = (x: number): string => `${Math.round(x)} W`;
  const parts = [
    `sim ${clockText(s.simTimeS)}`,
    `load ${w(s.loadW)}`,
    `pv ${w(s.pvW)}`,
    `inverter ${w(s.inverterW)}`,
    `grid ${w(s.gridW)}`,
  ];
  if (model.inverterSource === 'local') {
    const e = model.battery.energyCounters;
    parts.push(
      `soc ${s.socPct.toFixed(1)} %`,
      `setpoint ${w(s.setpointW)}`,
      `charged ${e.chargeWh.toFixed(2)} Wh`,
      `discharged ${e.dischargeWh.toFixed(2)} Wh`,
    );
    const alarms = model.battery.alarms();
    if (alarms.length > 0) parts.push(`alarms ${alarms.join(',')}`);
  } else if (remoteError !== null) {
    parts.push(`remote inverter: ${remoteError}`);
  }
  parts.push(`faults ${s.faults.length > 0 ? s.faults.join(',') : 'none'}`);
  return parts.join(' | ');
}

function onOff(word: string | undefined): boolean {
  if (word === 'on') return true;
  if (word === 'off') return false;
  throw new Error(`expected on or off, got "${word ?? ''}"`);
}

/**
 * Runs one console line against the model and returns the reply to print. Never throws:
 * a bad command comes back as "error: ..." so a typo cannot stop the simulator.
 */
export function runConsoleCommand(line: string, model: SiteModel): string {
  const [word = '', ...args] = line.trim().split(/\s+/);
  try {
    if (word === '') return '';
    if (word === 'help') return CONSOLE_HELP;
    if (word === 'status') return formatStatusLine(model);
    if ((SIM_FAULTS as readonly string[]).includes(word)) {
      const active = onOff(args[0]);
      model.setFault(word as SimFault, active);
      return `${word} ${active ? 'on' : 'off'}`;
    }
    if (word === 'alarm' || word === 'warning') {
      const code = (args[0] ?? '').toUpperCase();
      const active = onOff(args[1]);
      if (word === 'alarm') model.battery.setAlarm(code, active);
      else model.battery.setWarning(code, active);
      return `${word} ${code} ${active ? 'on' : 'off'}`;
    }
    if (word === 'ambient') {
      const celsius = Number(args[0]);
      if (args[0] === undefined || !Number.isFinite(celsius))
        throw new Error(`expected a temperature, got "${args[0] ?? ''}"`);
      model.battery.setAmbientC(celsius);
      return `ambient ${celsius} degC`;
    }
    return `error: unknown command "${word}" (type help)`;
  } catch (err) {
    return `error: ${describeError(err)}`;
  }
}

import { DEFAULT_BMS_PROFILE } from '../devices/can/bms-profile-loader';
import { SOCKETCAND_DEFAULT_PORT } from '../devices/can/socketcand-codec';
import { INVERTER_FLAGS, INVERTER_FLAGS_USAGE, parseInverterFlags } from './inverter-flags';
import type { InverterOptions } from './inverter-model';

/**
 * Command-line flags of `npm run sim`. Parsing is pure and strict: a mistyped flag or value
 * is a one-line error naming the flag, never a simulator quietly running with a default.
 */

/** What the simulator process should do. */
export interface SimCliOptions {
  readonly meterPort: number;
  readonly inverterPort: number;
  readonly host: string;
  readonly only?: 'meter' | 'inverter';
  /** Where the inverter process listens, for `--only meter`. */
  readonly inverterAt: { readonly host: string; readonly port: number };
  readonly seed?: number;
  readonly socPct?: number;
  readonly speed?: number;
  /** Simulated time of day at start, s after midnight. */
  readonly startTimeOfDayS?: number;
  /** How often the meter refreshes its readings, s (absent: on every request). */
  readonly meterPeriodS?: number;
  /** The socketcand gateway's TCP port for the BMS frames (0 = free); null when this process has no battery. */
  readonly canPort: number | null;
  /** Set when --can-port was given: then a taken port is fatal, not just a warning. */
  readonly canPortExplicit?: true;
  /** BMS CAN profile the simulated battery speaks (built-in name or path); default DEFAULT_BMS_PROFILE. */
  readonly bmsProfile?: string;
  /** Serve the inverter and the meter as SunSpec devices ('SunS' at 40000). */
  readonly sunspec?: true;
  /** With --sunspec: a hybrid inverter, PV behind it (103 W = PV + battery, DCW = PV). */
  readonly hybrid?: true;
  /** The inverter's ramp, dead time and watchdog (--inverter-ramp, --inverter-delay, --watchdog-*). */
  readonly inverter?: Partial<InverterOptions>;
}

/** The parsed command line. */
export type SimCliCommand =
  { readonly kind: 'help' } | { readonly kind: 'run'; readonly options: SimCliOptions };

/** A bad command line; the message is one line naming the flag. */
export class CliArgError extends Error {
  override readonly name = 'CliArgError';
}

/** Help text for --help. */
export const SIM_USAGE = `Usage: npm run sim -- [flags]

Runs a simulated site (house load, PV, battery, inverter, grid meter) and serves the meter
and the inverter over Modbus TCP with the built-in sim-meter / sim-inverter profiles.

  --meter-port N         meter's Modbus TCP port (default 5020; 0 = any free port)
  --inverter-port N      inverter's Modbus TCP port (default 5021; 0 = any free port)
  --host ADDR            address to listen on (default 127.0.0.1)
  --only meter|inverter  serve one device; run two processes to split one site
  --inverter-at H:P      with --only meter: the inverter process (default 127.0.0.1:5021)
  --seed N               seed of load and weather, a whole number (default 1)
  --soc PCT              initial battery SOC, 0..100 (default 50)
  --speed X              time acceleration of load, PV and battery, (0, 10000] (default 1)
  --time HH:MM[:SS]      simulated time of day at start (default 12:00; sun 06:00-20:00)
  --meter-period S       the meter refreshes its readings every S seconds, 0.05..60, and
                         answers with the last refresh in between, as real meters do
                         (default: fresh on every request); each refresh carries a few W of
                         noise and bumps the sim-meter's update counter (register 16)
  --can-port N           socketcand gateway serving the BMS frames on bus can0
                         (default 29536; 0 = any free port); not with --only meter
  --bms-profile P        BMS CAN profile: ${DEFAULT_BMS_PROFILE} (default), pylontech-v1.3 or a path
  --sunspec              serve the inverter (models 1, 103, 124) and the meter (1, 203)
                         as SunSpec devices with 'SunS' at 40000; not with --only
  --hybrid               with --sunspec: the inverter is a hybrid with the PV behind it
                         (103 W = PV + battery, 103 DCW = PV; profile sunspec-hybrid-124)
${INVERTER_FLAGS_USAGE}
  --help                 this text

Prints one JSON "ready" line on stdout once listening (with the ports, canPort included) and a status line on stderr every
5 s. Type "help" on stdin for fault injection commands. SIGINT/SIGTERM stop it.`;

const FLAGS = [
  '--meter-port',
  '--inverter-port',
  '--host',
  '--only',
  '--inverter-at',
  '--seed',
  '--soc',
  '--speed',
  '--time',
  '--meter-period',
  '--can-port',
  '--bms-profile',
  ...INVERTER_FLAGS,
] as const;
type Flag = (typeof FLAGS)[number];

function port(flag: string, text: string, allowZero: boolean): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  const min = allowZero ? 0 : 1;
  if (!(n >= min && n <= 65_535))
    throw new CliArgError(`${flag} must be a TCP port ${min}..65535, got "${text}"`);
  return n;
}

function number(flag: string, text: string, ok: (n: number) => boolean, expected: string): number {
  const n = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(n) || !ok(n))
    throw new CliArgError(`${flag} must be ${expected}, got "${text}"`);
  return n;
}

function timeOfDay(flag: string, text: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const [h, min, sec] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3] ?? 0)];
  if (m === null || h > 23 || min > 59 || sec > 59) {
    throw new CliArgError(
      `${flag} must be a time of day HH:MM or HH:MM:SS (00:00..23:59:59), got "${text}"`,
    );
  }
  return h * 3_600 + min * 60 + sec;
}

function hostPort(flag: string, text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(':');
  const host = colon > 0 ? text.slice(0, colon) : '';
  if (host === '') throw new CliArgError(`${flag} must be host:port, got "${text}"`);
  return { host, port: port(flag, text.slice(colon + 1), false) };
}

/** Parses the arguments after the script name. Throws CliArgError naming the bad flag. */
export function parseSimArgs(argv: readonly string[]): SimCliCommand {
  const given = new Map<Flag, string>();
  let sunspec = false;
  let hybrid = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    // The one switch without a value.
    if (arg === '--sunspec') {
      if (sunspec) throw new CliArgError('--sunspec given twice');
      sunspec = true;
      continue;
    }
    if (arg === '--hybrid') {
      if (hybrid) throw new CliArgError('--hybrid given twice');
      hybrid = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!name.startsWith('-'))
      throw new CliArgError(`unexpected argument "${arg}" (flags start with --; see --help)`);
    const flag = FLAGS.find((f) => f === name);
    if (flag === undefined) throw new CliArgError(`unknown flag ${name} (see --help)`);
    if (given.has(flag)) throw new CliArgError(`${flag} given twice`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new CliArgError(`${flag} needs a value`);
    }
    given.set(flag, value);
  }

  const text = (flag: Flag): string | undefined => given.get(flag);
  const only = text('--only');
  if (only !== undefined && only !== 'meter' && only !== 'inverter') {
    throw new CliArgError(`--only must be "meter" or "inverter", got "${only}"`);
  }
  const at = text('--inverter-at');
  if (at !== undefined && only !== 'meter')
    throw new CliArgError('--inverter-at only applies with --only meter');
  const canPort = text('--can-port');
  if (canPort !== undefined && only === 'meter') {
    throw new CliArgError(
      '--can-port does not apply with --only meter: the BMS lives with the inverter',
    );
  }
  const bmsProfile = text('--bms-profile');
  if (bmsProfile !== undefined && only === 'meter') {
    throw new CliArgError(
      '--bms-profile does not apply with --only meter: the BMS lives with the inverter',
    );
  }
  if (sunspec && only !== undefined)
    throw new CliArgError(
      '--sunspec serves the whole site from one process; it does not combine with --only',
    );
  if (hybrid && !sunspec)
    throw new CliArgError(
      '--hybrid needs --sunspec: only the SunSpec inverter has a hybrid layout',
    );
  const inverter = parseInverterFlags(text, (message) => {
    throw new CliArgError(message);
  });
  if (Object.keys(inverter).length > 0 && only === 'meter')
    throw new CliArgError(
      '--inverter-* and --watchdog-* do not apply with --only meter: the inverter runs elsewhere',
    );
  const host = text('--host') ?? '127.0.0.1';
  const seed = text('--seed');
  const soc = text('--soc');
  const speed = text('--speed');
  const time = text('--time');
  const meterPeriod = text('--meter-period');
  const options: SimCliOptions = {
    meterPort: port('--meter-port', text('--meter-port') ?? '5020', true),
    inverterPort: port('--inverter-port', text('--inverter-port') ?? '5021', true),
    host,
    inverterAt:
      at === undefined ? { host: '127.0.0.1', port: 5021 } : hostPort('--inverter-at', at),
    ...(only !== undefined ? { only } : {}),
    ...(seed !== undefined
      ? {
          seed: number(
            '--seed',
            seed,
            (n) => Number.isSafeInteger(n) && n >= 0,
            'a whole number >= 0',
          ),
        }
      : {}),
    ...(soc !== undefined
      ? { socPct: number('--soc', soc, (n) => n >= 0 && n <= 100, 'a percentage 0..100') }
      : {}),
    ...(speed !== undefined
      ? { speed: number('--speed', speed, (n) => n > 0 && n <= 10_000, 'a factor in (0, 10000]') }
      : {}),
    ...(time !== undefined ? { startTimeOfDayS: timeOfDay('--time', time) } : {}),
    ...(meterPeriod !== undefined
      ? {
          meterPeriodS: number(
            '--meter-period',
            meterPeriod,
            (n) => n >= 0.05 && n <= 60,
            'seconds in 0.05..60',
          ),
        }
      : {}),
    canPort:
      only === 'meter'
        ? null
        : port('--can-port', canPort ?? String(SOCKETCAND_DEFAULT_PORT), true),
    ...(canPort !== undefined ? { canPortExplicit: true as const } : {}),
    ...(bmsProfile !== undefined ? { bmsProfile } : {}),
    ...(sunspec ? { sunspec: true as const } : {}),
    ...(hybrid ? { hybrid: true as const } : {}),
    ...(Object.keys(inverter).length > 0 ? { inverter } : {}),
  };
  return { kind: 'run', options };
}

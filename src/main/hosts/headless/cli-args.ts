import { RUN_MODES, type RunMode } from '../../../shared/ems-names';

/** Options of `npm run headless`. */
export interface HeadlessArgs {
  readonly site: string | null;
  readonly mode: RunMode | null;
  readonly help: boolean;
}

/** Usage text for --help and argument errors. */
export const HEADLESS_USAGE = `Usage: npm run headless -- [--site FILE] [--mode MODE]

  --site FILE   site file (JSON) naming the real devices; without it the built-in
                simulated site runs in-process (meter, inverter and a CAN BMS)
  --mode MODE   start the EMS and request MODE: ${RUN_MODES.join(', ')}
  --help        this text

Prints one JSON status line per second on stdout; logs go to stderr.
SIGINT/SIGTERM drive the inverter to 0 W, then exit 0.`;

/** Parses argv (without node and script); throws an Error naming the bad flag. */
export function parseHeadlessArgs(argv: readonly string[]): HeadlessArgs {
  let site: string | null = null;
  let mode: RunMode | null = null;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--')))
        throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--site':
        site = value();
        break;
      case '--mode': {
        const v = value().toUpperCase();
        if (!(RUN_MODES as readonly string[]).includes(v))
          throw new Error(`--mode: unknown mode "${v}" (one of ${RUN_MODES.join(', ')})`);
        mode = v as RunMode;
        break;
      }
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option "${arg}" (see --help)`);
    }
  }
  return { site, mode, help };
}

import { RUN_MODES, type RunMode } from '../../../shared/ems-names';

/** Options of `npm run headless`. */
export interface HeadlessArgs {
  readonly site: string | null;
  readonly mode: RunMode | null;
  /** Serve the operator UI and its WebSocket bridge over HTTP on 127.0.0.1. */
  readonly ui: boolean;
  /** Port of the UI server (0 = any free port). */
  readonly port: number;
  readonly help: boolean;
}

/** The UI server's port when --port is not given. */
export const DEFAULT_UI_PORT = 8420;

/** Usage text for --help and argument errors. */
export const HEADLESS_USAGE = `Usage: npm run headless -- [--site FILE] [--mode MODE] [--ui [--port N]]

  --site FILE   site file (JSON) naming the real devices; without it the built-in
                simulated site runs in-process (meter, inverter and a CAN BMS)
  --mode MODE   start the EMS and request MODE: ${RUN_MODES.join(', ')}
  --ui          also serve the operator UI in a browser (and its WebSocket at /ws) on
                http://127.0.0.1:PORT/; builds the UI first if there is no build
  --port N      port of the UI (default ${DEFAULT_UI_PORT}; 0 = a free port, printed on stderr)
  --help        this text

Prints one JSON status line per second on stdout; logs go to stderr.
SIGINT/SIGTERM drive the inverter to 0 W, then exit 0.`;

/** Parses argv (without node and script); throws an Error naming the bad flag. */
export function parseHeadlessArgs(argv: readonly string[]): HeadlessArgs {
  let site: string | null = null;
  let mode: RunMode | null = null;
  let ui = false;
  let port: number | null = null;
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
      case '--ui':
        if (inline !== undefined) throw new Error('--ui takes no value');
        ui = true;
        break;
      case '--port': {
        const v = value();
        const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isInteger(n) || n > 65535)
          throw new Error(`--port: "${v}" is not a port number (0-65535)`);
        port = n;
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
  if (port !== null && !ui) throw new Error('--port is used with --ui');
  return { site, mode, ui, port: port ?? DEFAULT_UI_PORT, help };
}

import { RUN_MODES, type RunMode } from '../../../shared/ems-names';
import {
  checkListenAddress,
  DEFAULT_LISTEN,
  isLoopbackAddress,
} from '../../transports/rest/http-policy';

/** Options of `npm run headless`. */
export interface HeadlessArgs {
  readonly site: string | null;
  /** `--sim`: the built-in simulated site, whichever stored site was active last. */
  readonly sim: boolean;
  readonly mode: RunMode | null;
  /** Serve the operator UI, the REST API and the WebSocket bridge over HTTP. */
  readonly ui: boolean;
  /** Serve the REST API and the WebSocket bridge without the UI. */
  readonly api: boolean;
  /** Port of the HTTP server (0 = any free port). */
  readonly port: number;
  /** Address the HTTP server listens on (127.0.0.1 unless given). */
  readonly listen: string;
  /** `--token-file PATH`: the write token is read from (and rotated into) this file. */
  readonly tokenFile: string | null;
  /** Browser origins allowed to call the API (CORS). */
  readonly corsOrigins: readonly string[];
  /** `--insecure-http`: plain HTTP on a non-loopback --listen instead of HTTPS. */
  readonly insecureHttp: boolean;
  readonly help: boolean;
}

/** The HTTP server's port when --port is not given. */
export const DEFAULT_UI_PORT = 8420;

/** Usage text for --help and argument errors. */
export const HEADLESS_USAGE = `Usage: npm run headless -- [--site FILE | --sim] [--mode MODE] [--ui | --api] [--port N]
                          [--listen ADDR [--insecure-http]] [--token-file PATH]
                          [--cors-origin ORIGIN]

  --site FILE          site file (JSON) naming the real devices; without it the site active
                       last (the app's sites/ folder) opens, or, with none saved, the built-in
                       simulated site runs in-process (meter, inverter and a CAN BMS)
  --sim                the built-in simulated site, whichever site was active last
  --mode MODE          start the EMS and request MODE: ${RUN_MODES.join(', ')}
  --ui                 serve the operator UI in a browser, the REST API (/api, /openapi.json)
                       and the WebSocket (/ws) on http://127.0.0.1:PORT/; builds the UI first
                       if there is no build
  --api                serve the REST API and the WebSocket without the UI
  --port N             port of the server (default ${DEFAULT_UI_PORT}; 0 = a free port, printed on stderr)
  --listen ADDR        listen on ADDR instead of ${DEFAULT_LISTEN} (e.g. 0.0.0.0): reachable from the
                       network, so a warning is printed; writes still need the token. Beyond
                       loopback the server speaks HTTPS with a self-signed certificate kept in
                       the config folder; its SHA-256 fingerprint is printed on stderr
  --insecure-http      with a non-loopback --listen: plain HTTP instead of HTTPS (the token
                       crosses the network in clear; a warning is printed)
  --token-file PATH    read the write token from PATH (rotation writes it there) instead of
                       the app's config folder; EMS_API_TOKEN sets it from the environment
  --cors-origin ORIGIN let a browser page of ORIGIN call the API (repeatable; none by default)
  --help               this text

Prints one JSON status line per second on stdout; logs go to stderr.
SIGINT/SIGTERM drive the inverter to 0 W, then exit 0.`;

const ORIGIN = /^https?:\/\/[^/\s?#]+$/;

function portOf(v: string): number {
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n > 65535)
    throw new Error(`--port: "${v}" is not a port number (0-65535)`);
  return n;
}

/** Parses argv (without node and script); throws an Error naming the bad flag. */
export function parseHeadlessArgs(argv: readonly string[]): HeadlessArgs {
  let site: string | null = null;
  let sim = false;
  let mode: RunMode | null = null;
  let ui = false;
  let api = false;
  let port: number | null = null;
  let listen: string | null = null;
  let tokenFile: string | null = null;
  const corsOrigins: string[] = [];
  let insecureHttp = false;
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
    const noValue = (): true => {
      if (inline !== undefined) throw new Error(`${flag} takes no value`);
      return true;
    };
    switch (flag) {
      case '--site':
        site = value();
        break;
      case '--sim':
        sim = noValue();
        break;
      case '--mode': {
        const v = value().toUpperCase();
        if (!(RUN_MODES as readonly string[]).includes(v))
          throw new Error(`--mode: unknown mode "${v}" (one of ${RUN_MODES.join(', ')})`);
        mode = v as RunMode;
        break;
      }
      case '--ui':
        ui = noValue();
        break;
      case '--api':
        api = noValue();
        break;
      case '--port':
        port = portOf(value());
        break;
      case '--listen':
        listen = checkListenAddress(value());
        break;
      case '--insecure-http':
        insecureHttp = noValue();
        break;
      case '--token-file':
        tokenFile = value();
        break;
      case '--cors-origin': {
        const v = value();
        if (!ORIGIN.test(v))
          throw new Error(`--cors-origin: "${v}" is not an origin like https://scada.example:8443`);
        corsOrigins.push(v);
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
  const served = ui || api;
  if (sim && site !== null) throw new Error('--sim runs the built-in site: give --site or --sim');
  if (ui && api) throw new Error('--ui already serves the API: give --ui or --api, not both');
  if (!served) {
    if (port !== null) throw new Error('--port is used with --ui or --api');
    if (listen !== null) throw new Error('--listen is used with --ui or --api');
    if (corsOrigins.length > 0) throw new Error('--cors-origin is used with --ui or --api');
  }
  if (insecureHttp && isLoopbackAddress(listen ?? DEFAULT_LISTEN))
    throw new Error(
      '--insecure-http is for a non-loopback --listen (loopback is plain HTTP already)',
    );
  return {
    site,
    sim,
    mode,
    ui,
    api,
    port: port ?? DEFAULT_UI_PORT,
    listen: listen ?? DEFAULT_LISTEN,
    tokenFile,
    corsOrigins,
    insecureHttp,
    help,
  };
}

/** The warning printed when `--ui` is served beyond loopback. */
export function uiExposedWarning(listen: string): string {
  return (
    `warning: --ui on ${listen}: the operator page, live values, trends and fault log can be ` +
    'read by anyone on the network without a token; only the controls and tools need it.'
  );
}

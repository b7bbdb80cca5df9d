import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmsSnapshot } from '../src/shared/snapshot';
import { waitForStderr } from './support/headless-ui-process';
import { spawnTsx, type TsxProcess } from './support/tsx-process';
import { waitFor } from './support/wait-for';

/**
 * The headless host with its API (`--api` or `--ui`, `--port 0`) on the embedded simulated
 * site, as a real process with its own temporary config folder, and a small HTTP client
 * for the API tests. Nothing is stubbed: requests go over loopback to the real server.
 */

const HEADLESS = 'src/main/hosts/headless/cli.ts';

/** A running host with its API. */
export interface ApiHost {
  readonly process: TsxProcess;
  readonly port: number;
  /** http://127.0.0.1:N */
  readonly base: string;
  /** The host's config folder (EMS_CONFIG_DIR), removed at stop. */
  readonly configDir: string;
  /** The token file the host printed on stderr; null when the token came from EMS_API_TOKEN. */
  readonly tokenFile: string | null;
  /** The simulated inverter's Modbus port. */
  readonly inverterPort: number;
  /** The token now in force, as read from the file (or given in EMS_API_TOKEN). */
  token: string;
}

/**
 * Spawns the host with `args` and `env` added to this process's environment (the child
 * copies it at spawn, so it is restored right after) and waits for its API line.
 */
export async function startApiHost(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ApiHost> {
  const configDir = await mkdtemp(join(tmpdir(), 'ems-api-cfg-'));
  const vars = { EMS_CONFIG_DIR: configDir, ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  let p: TsxProcess;
  try {
    p = spawnTsx(HEADLESS, [...args]);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  try {
    const [, port] = await waitForStderr(p, /API: https?:\/\/[^/\s]+:(\d+)\/api\//, 90_000);
    const [, inverter] = await waitForStderr(p, /inverter port (\d+)/, 1000);
    const fileLine = /API token: (\/\S+)/.exec(p.stderr());
    const tokenFile = fileLine?.[1] ?? null;
    const token = tokenFile
      ? (await readFile(tokenFile, 'utf8')).trim()
      : (env['EMS_API_TOKEN'] ?? '');
    return {
      process: p,
      port: Number(port),
      base: `http://127.0.0.1:${port}`,
      configDir,
      tokenFile,
      inverterPort: Number(inverter),
      token,
    };
  } catch (err) {
    p.kill('SIGKILL');
    await rm(configDir, { recursive: true, force: true });
    throw err;
  }
}

/** SIGTERM (safe stop), SIGKILL if it hangs; removes the config folder. */
export async function stopApiHost(host: ApiHost | undefined): Promise<void> {
  if (!host) return;
  host.process.kill('SIGTERM');
  const timer = setTimeout(() => host.process.kill('SIGKILL'), 5000);
  await host.process.exited;
  clearTimeout(timer);
  await rm(host.configDir, { recursive: true, force: true });
}

/** An HTTP answer with its body parsed as JSON (null when it is not JSON). */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: Record<string, unknown> | null;
}

/** How to send one request. */
export interface SendOptions {
  /** Sent as JSON (content-type application/json) unless `raw` is given. */
  readonly body?: unknown;
  /** Sent exactly as given. */
  readonly raw?: string | Buffer;
  /** `Authorization: Bearer <token>`; omit for none. */
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

let lastWrite = 0;
/** The API allows 20 writes a second per client: tests that are not about the limit stay under it. */
const WRITE_SPACING_MS = 60;

/** One request with node:http (so Host and every other header are sent exactly as given). */
export async function send(
  host: Pick<ApiHost, 'port'>,
  method: string,
  path: string,
  opts: SendOptions = {},
): Promise<ApiAnswer> {
  if (method === 'POST') {
    // Pacing to the API's documented write rate, not a wait for an event: there is none that
    // says "a token is back in the bucket".
    const wait = lastWrite + WRITE_SPACING_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastWrite = Date.now();
  }
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const headers: Record<string, string | number> = {
    ...(opts.body !== undefined && opts.raw === undefined
      ? { 'Content-Type': 'application/json' }
      : {}),
    ...(opts.token !== undefined ? { Authorization: `Bearer ${opts.token}` } : {}),
    ...(payload !== undefined ? { 'Content-Length': Buffer.byteLength(payload) } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | null;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** GET /api/status. */
export async function statusOf(host: Pick<ApiHost, 'port'>): Promise<EmsSnapshot> {
  const r = await send(host, 'GET', '/api/status');
  if (r.status !== 200) throw new Error(`status: ${r.status} ${r.text}`);
  return r.json as unknown as EmsSnapshot;
}

/** What a command may change: compared before and after a refused request. */
export function intentOf(s: EmsSnapshot): unknown {
  return {
    state: s.state,
    mode: s.mode,
    pendingMode: s.pendingMode,
    gridTargetW: s.gridTargetW,
    overrideW: s.overrideW,
    external: s.external && { watts: s.external.watts, source: s.external.source },
    needsAck: s.needsAck,
  };
}

/** Polls `check` every 100 ms until it returns a value (not undefined) or the time is up. */
export function eventually<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  return waitFor(check, { what, timeoutMs, intervalMs: 100 });
}

import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { spawnTsx, type TsxProcess } from './tsx-process';

/**
 * The headless host with `--ui --port 0` on its embedded simulated site, as a real process:
 * the address comes from its `UI: http://127.0.0.1:N/` line on stderr, the token from the
 * file its `API token: PATH` line names, as a script would get it (the page carries none).
 */

const HEADLESS = 'src/main/hosts/headless/cli.ts';

/** A running headless host with its UI. */
export interface UiHost {
  readonly process: TsxProcess;
  readonly port: number;
  /** http://127.0.0.1:N/ */
  readonly url: string;
  /** The host's own page origin, as a browser on it would send. */
  readonly origin: string;
  /** The token from the file the host names on stderr. */
  readonly token: string;
}

/** Waits for a stderr line matching `pattern`; rejects on exit or timeout. */
export function waitForStderr(
  p: TsxProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      const hit = pattern.exec(p.stderr());
      if (hit) return resolve(hit);
      if (p.child.exitCode !== null || p.child.signalCode !== null)
        return reject(new Error(`headless exited before ${pattern}; stderr:\n${p.stderr()}`));
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`no ${pattern} within ${timeoutMs} ms; stderr:\n${p.stderr()}`));
      setTimeout(check, 50);
    };
    check();
  });
}

/** A raw GET (the path is sent exactly as given, not normalised). */
export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Starts `npm run headless -- --ui --port 0 ...extra` and waits for its UI. */
export async function startUiHost(extra: readonly string[] = []): Promise<UiHost> {
  const p = spawnTsx(HEADLESS, ['--ui', '--port', '0', ...extra]);
  try {
    const [, url, port] = await waitForStderr(p, /UI: (http:\/\/127\.0\.0\.1:(\d+)\/)/, 60_000);
    if (!url || !port) throw new Error('no UI address');
    const [, tokenFile] = await waitForStderr(p, /API token: (?:created )?(\S+)/, 5_000);
    if (!tokenFile) throw new Error('no API token line');
    const token = (await readFile(tokenFile, 'utf8')).trim();
    return { process: p, port: Number(port), url, origin: `http://127.0.0.1:${port}`, token };
  } catch (err) {
    p.kill('SIGKILL');
    throw err;
  }
}

/** Stops the host the way an operator would (SIGTERM: safe stop), killing it if it hangs. */
export async function stopUiHost(host: UiHost | undefined): Promise<void> {
  if (!host) return;
  host.process.kill('SIGTERM');
  const timer = setTimeout(() => host.process.kill('SIGKILL'), 5000);
  await host.process.exited;
  clearTimeout(timer);
}

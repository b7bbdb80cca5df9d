import { request } from 'node:http';
import type { FaultLogView } from '../../src/shared/fault-view';
import type { Ems } from './fault-rig';

/**
 * The headless host's REST API as an operator's script would use it: commands with the
 * bearer token, the fault log as JSON. Only what the fault tests need.
 */

/** An HTTP answer with its body parsed as JSON (null when it is not JSON). */
export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The body as JSON, or the raw text when it is not JSON. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function call(ems: Ems, method: string, path: string, body?: unknown): Promise<RestAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: ems.apiPort,
        path,
        method,
        headers: {
          authorization: `Bearer ${ems.token}`,
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseBody(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** POSTs a command route (e.g. `/api/mode` with `{ mode }`); rejects unless it is a 2xx. */
export async function restCommand(ems: Ems, path: string, body: unknown = {}): Promise<RestAnswer> {
  const answer = await call(ems, 'POST', path, body);
  if (answer.status < 200 || answer.status > 299)
    throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** The fault log (GET /api/faults), oldest first. */
export async function restFaultLog(ems: Ems): Promise<readonly FaultLogView[]> {
  const answer = await call(ems, 'GET', '/api/faults');
  if (answer.status !== 200)
    throw new Error(`GET /api/faults: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as FaultLogView[];
}

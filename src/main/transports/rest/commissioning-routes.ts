import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiGuards } from './api-guards';
import { z } from 'zod';
import { requestSpecs, type RequestMethod } from '../../../shared/contract';
import type { EmsService } from '../../service/ems-service';
import { describeInputError, HttpError } from './rest-errors';

/**
 * The REST routes of the commissioning checks and report (issue 12). Their paths are fixed so
 * that scripts can rely on them. Each route is one contract request: its body (or, for a
 * GET, nothing) is validated with the request's params schema, sent through the service like
 * IPC and WebSocket requests, and every route needs the token or a paired session, since the
 * checks drive the inverter and the report names the site.
 */

/** One route: a contract request at a fixed method and path. */
export interface CommissioningRoute {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly request: RequestMethod;
  readonly summary: string;
  readonly description?: string;
  /** Status of a success (202: started, see the list for its end). */
  readonly success: 200 | 202;
  /** The answer is the result's `html` field as text/html. */
  readonly html?: true;
  /** Path parameters merged into the params (e.g. runId). */
  readonly pathParams?: readonly string[];
}

export const commissioningRoutes: readonly CommissioningRoute[] = [
  {
    method: 'POST',
    url: '/api/commissioning/checks',
    request: 'runCheck',
    summary: 'Start a commissioning check: {check, confirmed: true, options?}',
    description:
      'check is one of meterSign, inverterStep, watchdog, bmsLink, commLoss. Only with the EMS ' +
      'started and in STANDBY (mode IDLE), one at a time (409 otherwise). The check drives the ' +
      'inverter under every safety limit and ends in STANDBY at 0 W; follow it with GET.',
    success: 202,
  },
  {
    method: 'GET',
    url: '/api/commissioning/checks',
    request: 'listChecks',
    summary: 'Every check run: status running|pass|fail|warn|aborted, measured figures, chart',
    success: 200,
  },
  {
    method: 'POST',
    url: '/api/commissioning/checks/cancel',
    request: 'cancelCheck',
    summary: 'Cancel the running check (it ends at 0 W)',
    success: 200,
  },
  {
    method: 'POST',
    url: '/api/commissioning/checks/:runId/apply-fix',
    request: 'applyMeterSignFix',
    summary: "Apply a meterSign run's proposed meter.powerSign: {confirmed: true}",
    description:
      'Writes the sign into the site file; it takes effect at the next activation, and the site ' +
      'is not commissioned until meterSign passes again.',
    success: 200,
    pathParams: ['runId'],
  },
  {
    method: 'GET',
    url: '/api/commissioning/status',
    request: 'commissioningStatus',
    summary: 'Whether the site is commissioned, and which checks are still missing',
    success: 200,
  },
  {
    method: 'PUT',
    url: '/api/commissioning/report/meta',
    request: 'setReportMeta',
    summary: 'Set the technician name and notes of the report: {technician, notes}',
    success: 200,
  },
  {
    method: 'GET',
    url: '/api/commissioning/report/meta',
    request: 'getReportMeta',
    summary: 'The technician name and notes in force',
    success: 200,
  },
  {
    method: 'GET',
    url: '/api/commissioning/report',
    request: 'getReport',
    summary: 'The commissioning report as one self-contained HTML page (also stored)',
    success: 200,
    html: true,
  },
];

/** HTTP status of a refusal, from the service's message. */
export function refusalStatus(error: string): number {
  if (/unknown run/.test(error)) return 404;
  if (/runs no commissioning checks/.test(error)) return 404;
  return 409;
}

const TOKEN = { authorised: true, source: 'api' } as const;

function handler(route: CommissioningRoute, service: Pick<EmsService, 'handle'>) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const body: unknown = route.method === 'GET' ? {} : (req.body ?? {});
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new HttpError(400, '(body): must be a JSON object');
    const path = (req.params ?? {}) as Record<string, string>;
    const merged = {
      ...body,
      ...Object.fromEntries((route.pathParams ?? []).map((p) => [p, path[p]])),
    };
    const params = requestSpecs[route.request].params.safeParse(merged);
    if (!params.success) throw new HttpError(400, describeInputError(params.error));
    const answer = await service.handle(route.request, params.data, TOKEN);
    if (!answer.ok) {
      const message = answer.error.replace(new RegExp(`^${route.request}: `), '');
      throw new HttpError(refusalStatus(message), message);
    }
    void reply.code(route.success);
    if (route.html === true) {
      const { html } = answer.result as { html: string };
      return reply.type('text/html; charset=utf-8').send(html);
    }
    return answer.result;
  };
}

/**
 * Adds the commissioning routes, GETs behind the read guard and the rest behind the write
 * guard (rate limit, then the session cookie or the bearer token).
 */
export function registerCommissioningRoutes(
  app: FastifyInstance,
  service: Pick<EmsService, 'handle'>,
  guards: ApiGuards,
): void {
  // An empty body counts as {} (empty-json-body.ts, for the whole API).
  for (const route of commissioningRoutes)
    app.route({
      method: route.method,
      url: route.url,
      onRequest: route.method === 'GET' ? guards.read : guards.write,
      handler: handler(route, service),
    });
}

/** The body schema of a route for the OpenAPI document (path parameters left out). */
export function routeBodySchema(route: CommissioningRoute): z.ZodType | null {
  if (route.method === 'GET') return null;
  const params = requestSpecs[route.request].params;
  if (!(params instanceof z.ZodObject)) return params;
  const shape = { ...params.shape } as Record<string, z.ZodType>;
  for (const p of route.pathParams ?? []) delete shape[p];
  return z.strictObject(shape);
}

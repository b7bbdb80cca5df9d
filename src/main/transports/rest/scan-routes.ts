import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiGuards } from './api-guards';
import { z } from 'zod';
import { contractTable, type RequestMethod } from '../../../shared/contract';
import type { Reply } from '../../../shared/reply';
import type { EmsService } from '../../service/ems-service';
import { describeInputError, errorSchema, HttpError } from './rest-errors';

/**
 * The REST routes of "Find the devices" (docs/commissioning.md), fixed so that scripts can
 * rely on them: POST /api/scan -> 202 {scanId}, GET and DELETE /api/scan/{scanId}, and
 * GET /api/local-ports. Each is one contract request through the service; the service's
 * typed error code picks the status (conflict -> 409, not-found -> 404), never its message.
 * All need the token or a paired session: a scan is device traffic.
 */

/** The routes as "METHOD /path" (OpenAPI's path syntax), for the document and its test. */
export const SCAN_ROUTES: readonly string[] = [
  'POST /api/scan',
  'GET /api/scan/{scanId}',
  'DELETE /api/scan/{scanId}',
  'GET /api/local-ports',
];

/** What the scan routes need: the service every transport shares. */
export interface ScanRouteOptions {
  readonly service: Pick<EmsService, 'handle'>;
}

const AUTHORISED = { authorised: true, source: 'api' } as const;

/** The HTTP status of a refused request. */
export function refusalStatus(answer: Extract<Reply, { ok: false }>): number {
  if (answer.kind === 'conflict') return 409;
  if (answer.kind === 'not-found') return 404;
  return 400;
}

async function call(
  opts: ScanRouteOptions,
  method: RequestMethod,
  params: unknown,
): Promise<unknown> {
  const parsed = contractTable[method].params.safeParse(params);
  if (!parsed.success) throw new HttpError(400, describeInputError(parsed.error));
  const answer = await opts.service.handle(method, parsed.data, AUTHORISED);
  if (!answer.ok) throw new HttpError(refusalStatus(answer), answer.error);
  return answer.result;
}

const scanIdOf = (req: FastifyRequest): unknown => (req.params as { scanId?: unknown }).scanId;

/**
 * Adds the scan routes behind the API's guards (rate limit, then session or token). An
 * empty body, with or without a Content-Type, counts as none (empty-json-body.ts).
 */
export function registerScanRoutes(
  app: FastifyInstance,
  opts: ScanRouteOptions,
  guards: ApiGuards,
): void {
  app.post('/api/scan', { onRequest: guards.write }, async (req, reply) => {
    const result = await call(opts, 'startScan', req.body === undefined ? {} : req.body);
    void reply.code(202);
    return result;
  });
  app.get('/api/scan/:scanId', { onRequest: guards.read }, (req) =>
    call(opts, 'getScan', { scanId: scanIdOf(req) }),
  );
  app.delete('/api/scan/:scanId', { onRequest: guards.write }, (req) =>
    call(opts, 'cancelScan', { scanId: scanIdOf(req) }),
  );
  app.get('/api/local-ports', { onRequest: guards.read }, () => call(opts, 'listLocalPorts', {}));
}

type Schema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}
const json = (description: string, schema: z.ZodType): Schema => ({
  description,
  content: { 'application/json': { schema: jsonSchema(schema, 'output') } },
});
const ERRORS: Schema = {
  '401': json('Missing or wrong bearer token (or no paired session)', errorSchema),
  '429': json('Too many requests from this client', errorSchema),
};
const SCAN_ID = [{ name: 'scanId', in: 'path', required: true, schema: { type: 'string' } }];

/** The scan routes in the OpenAPI document. */
export function scanOpenApiPaths(): Record<string, Schema> {
  const security = [{ bearerAuth: [] }, { sessionCookie: [] }];
  return {
    '/api/scan': {
      post: {
        summary: 'Scan for Modbus TCP devices (only while the EMS is in STOP); reads only',
        security,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: jsonSchema(contractTable.startScan.params, 'input') },
          },
        },
        responses: {
          '202': json('Started; read it at /api/scan/{scanId}', contractTable.startScan.result),
          '400': json('A bad field, named (e.g. "targets: ... at most 1024")', errorSchema),
          '409': json('The EMS is not in STOP, or another scan is running', errorSchema),
          ...ERRORS,
        },
      },
    },
    '/api/scan/{scanId}': {
      get: {
        summary: 'A scan: progress, and every unit found with its identity and suggested profiles',
        security,
        parameters: SCAN_ID,
        responses: {
          '200': json('The scan', contractTable.getScan.result),
          '404': json('No such scan', errorSchema),
          ...ERRORS,
        },
      },
      delete: {
        summary: 'Cancel a scan',
        security,
        parameters: SCAN_ID,
        responses: {
          '200': json('The scan as it stopped', contractTable.cancelScan.result),
          '404': json('No such scan', errorSchema),
          ...ERRORS,
        },
      },
    },
    '/api/local-ports': {
      get: {
        summary: 'Serial ports and SocketCAN interfaces of this machine',
        security,
        responses: { '200': json('The lists', contractTable.listLocalPorts.result), ...ERRORS },
      },
    },
  };
}

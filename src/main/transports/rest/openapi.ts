import { z } from 'zod';
import { contractTable, requestSpecs, TOKEN_ROTATE_PATH } from '../../../shared/contract';
import { commandAcceptedSchema } from '../../../shared/core-result-schemas';
import { commandRoutes, readRoutes, SOURCE_HEADER } from './api-routes';
import { errorSchema } from './rest-errors';
import { commissioningRoutes, routeBodySchema } from './commissioning-routes';

/**
 * The OpenAPI 3.1 document of the REST API, generated from the contract table's zod schemas:
 * the params the routes validate with and the results the requests answer (3.1 uses JSON
 * Schema 2020-12, which z.toJSONSchema writes), so the document cannot drift from what the
 * server accepts or sends.
 */

/** An OpenAPI document (plain JSON). */
export type OpenApiDocument = Record<string, unknown>;

/** Path of the document on the server. */
export const OPENAPI_PATH = '/openapi.json';

/** Path of the WebSocket stream (documented here; served by the WebSocket bridge). */
const WS_DOC_PATH = '/ws';

type Schema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function json(description: string, schema: z.ZodType): Schema {
  return { description, content: { 'application/json': { schema: jsonSchema(schema, 'output') } } };
}

const ERROR = (description: string): Schema => json(description, errorSchema);

const WRITE_ERRORS: Schema = {
  '400': ERROR('Bad input: the message names the field ("watts: ..."); nothing changed'),
  '401': ERROR('Missing or wrong bearer token (with WWW-Authenticate); nothing changed'),
  '409': ERROR('The EMS cannot take the command in its current state; the reason says why'),
  '413': ERROR('Body larger than the limit'),
  '415': ERROR('Content-Type other than application/json'),
  '429': ERROR('Too many writes from this client (Retry-After says when to retry)'),
};

function queryParameters(schema: z.ZodType): Schema[] {
  const js = jsonSchema(schema, 'input') as {
    properties?: Record<string, Schema>;
    required?: string[];
  };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema: s,
  }));
}

function writeOperation(summary: string, body: z.ZodType, description?: string): Schema {
  const schema = jsonSchema(body, 'input') as Schema & { required?: string[] };
  return {
    summary,
    ...(description === undefined ? {} : { description }),
    security: [{ bearerAuth: [] }],
    requestBody: {
      required: schema.required !== undefined && schema.required.length > 0,
      description: 'JSON; an absent body counts as {}. Unknown fields are rejected.',
      content: { 'application/json': { schema } },
    },
    responses: {
      '200': json('Accepted', commandAcceptedSchema),
      '202': json('Accepted as intent; "pending" says what it waits for', commandAcceptedSchema),
      ...WRITE_ERRORS,
    },
  };
}

const WS_DESCRIPTION = `WebSocket at ${WS_DOC_PATH} (same host and port). The server pushes JSON
{topic, payload} to every client from the start: topic "snapshot" (at most 10/s), "event"
(e.g. kind "external-expired"), "history" (one trend sample per second), "faultLog". A client
may send requests {id, method, params, token?} with method getSnapshot, getHistory,
getFaultLog or command ({command: {type, ...}}); the reply is {id, ok, result} or {id, ok:
false, error}. A command needs the same token in the "token" field. Browsers may connect only
from the server's own page (or a configured CORS origin).`;

/** Builds the document; `serverUrl` is where the API is reachable. */
export function buildOpenApiDocument(serverUrl: string, version: string): OpenApiDocument {
  const paths: Record<string, Schema> = {};
  for (const r of readRoutes) {
    const spec = requestSpecs[r.request];
    paths[r.url] = {
      get: {
        summary: r.summary,
        parameters: queryParameters(spec.params),
        responses: {
          '200': json('OK', spec.result),
          '400': ERROR('Bad or unknown query parameter; the message names it'),
        },
      },
    };
  }
  for (const r of commandRoutes) {
    const op = writeOperation(r.summary, r.body, r.description);
    if (r.withSource === true) {
      op['parameters'] = [
        {
          name: SOURCE_HEADER,
          in: 'header',
          required: false,
          description: 'Who sends the setpoint, shown to the operator (default "rest")',
          schema: { type: 'string', minLength: 1, maxLength: 64 },
        },
      ];
    }
    paths[r.url] = { post: op };
  }
  paths[TOKEN_ROTATE_PATH] = {
    post: {
      ...writeOperation(
        'Replace the write token; the old one stops working at once',
        contractTable.rotateToken.params,
      ),
      responses: {
        '200': json('The new token and the file that holds it', contractTable.rotateToken.result),
        ...WRITE_ERRORS,
        '409': ERROR('The token comes from EMS_API_TOKEN and cannot be rotated here'),
      },
    },
  };
  // Commissioning checks and report (issue 12).
  for (const r of commissioningRoutes) {
    const url = r.url.replace(/:(\w+)/g, '{$1}');
    const body = routeBodySchema(r);
    const result = requestSpecs[r.request].result;
    const op: Schema = {
      summary: r.summary,
      ...(r.description === undefined ? {} : { description: r.description }),
      security: [{ bearerAuth: [] }],
      ...(r.pathParams === undefined
        ? {}
        : {
            parameters: r.pathParams.map((name) => ({
              name,
              in: 'path',
              required: true,
              schema: { type: 'string' },
            })),
          }),
      ...(body === null
        ? {}
        : {
            requestBody: {
              required: false,
              description: 'JSON; an empty body (with or without Content-Type) counts as {}.',
              content: { 'application/json': { schema: jsonSchema(body, 'input') } },
            },
          }),
      responses: {
        [String(r.success)]:
          r.html === true
            ? {
                description: 'The report page',
                content: { 'text/html': { schema: { type: 'string' } } },
              }
            : json('OK', result),
        ...WRITE_ERRORS,
        '404': ERROR('Unknown run, or this host runs no checks'),
      },
    };
    paths[url] = { ...(paths[url] ?? {}), [r.method.toLowerCase()]: op };
  }
  paths[OPENAPI_PATH] = {
    get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 JSON' } } },
  };
  paths[WS_DOC_PATH] = {
    get: {
      summary: 'WebSocket stream of snapshots and events (upgrade)',
      description: WS_DESCRIPTION,
      responses: {
        '101': { description: 'Switching protocols: the stream starts' },
        '403': { description: 'Origin or Host not allowed' },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'EMS commissioning API',
      version,
      description:
        'Status, trends and faults of the EMS, and its commands. Power sign: grid W positive = ' +
        'import; inverter W and setpoints positive = discharge, negative = charge. Every POST ' +
        'needs Authorization: Bearer <token> (the token file path is printed on stderr at ' +
        `start). Errors are {"error": "<field>: <message>"}.\n\n${WS_DESCRIPTION}`,
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

import { z } from 'zod';
import {
  contractTable,
  requestSpecs,
  TOKEN_ROTATE_PATH,
  type RequestMethod,
} from '../../../shared/contract';
import { commandAcceptedSchema } from '../../../shared/core-result-schemas';
import { SESSION_COOKIE } from '../pairing/session-cookie';
import { commandRoutes, readRoutes, SOURCE_HEADER } from './api-routes';
import { PAIR_PATH } from './pair-route';
import { accessOf, securityOf } from './openapi-security';
import { errorSchema } from './rest-errors';
import { scanOpenApiPaths } from './scan-routes';
import { siteApiPaths } from './site-openapi';
import { commissioningApiPaths } from './commissioning-openapi';

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

function writeOperation(
  method: RequestMethod,
  summary: string,
  body: z.ZodType,
  description?: string,
): Schema {
  const schema = jsonSchema(body, 'input') as Schema & { required?: string[] };
  return {
    summary,
    ...(description === undefined ? {} : { description }),
    security: securityOf(method),
    ...accessOf(method),
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

const OPEN_REQUESTS = (Object.keys(contractTable) as RequestMethod[]).filter(
  (m) => contractTable[m].access === 'open',
);

const WS_DESCRIPTION = `WebSocket at ${WS_DOC_PATH} (same host and port). The server pushes JSON
{topic, payload} to every client from the start: topic "snapshot" (at most 10/s), "event"
(e.g. kind "external-expired"), "history" (one trend sample per second), "faultLog", and
"scanProgress" while a device scan runs. A client
may send requests {id, method, params, token?} for any request of the contract (command is
{command: {type, ...}}); the reply is {id, ok, result} or {id, ok: false, error}. Open to
anyone: ${OPEN_REQUESTS.join(', ')}. Every other request (device traffic, files, secrets,
writes) needs the token in the "token" field, or a paired browser's session cookie sent with
the upgrade. Browsers may connect only from the server's own page (or a configured CORS
origin). Limits: connections per address and in all (503 at the upgrade), messages per
second per connection and per address ("too many messages: slow down"), and a connection
that sends repeated wrong tokens is closed (1008).`;

/** POST /api/pair: a browser trades a pairing code for its session cookie. */
function pairOperation(): Schema {
  return {
    summary: 'Pair a browser: trade a pairing code (or the token) for a session cookie',
    description:
      'The code is printed by the headless host on stderr or shown by the desktop app; it is ' +
      'single-use and valid 10 minutes. On success the answer sets the HttpOnly, ' +
      `SameSite=Strict cookie ${SESSION_COOKIE}, which then authorises REST and the WebSocket ` +
      'like the token. 5 attempts a minute per address, then a lockout (429).',
    security: [],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { code: { type: 'string', minLength: 1, maxLength: 256 } },
            required: ['code'],
            additionalProperties: false,
          },
        },
      },
    },
    responses: {
      '200': { description: `Paired: the answer sets the ${SESSION_COOKIE} cookie` },
      '400': ERROR('Bad body; the message names the field'),
      '401': ERROR('Wrong or expired code'),
      '429': ERROR('Too many attempts from this address (Retry-After says when to retry)'),
    },
  };
}

/** Builds the document; `serverUrl` is where the API is reachable. */
export function buildOpenApiDocument(serverUrl: string, version: string): OpenApiDocument {
  const paths: Record<string, Schema> = {};
  for (const r of readRoutes) {
    const spec = requestSpecs[r.request];
    paths[r.url] = {
      get: {
        summary: r.summary,
        security: securityOf(r.request),
        ...accessOf(r.request),
        parameters: queryParameters(spec.params),
        responses: {
          '200': json('OK', spec.result),
          '400': ERROR('Bad or unknown query parameter; the message names it'),
        },
      },
    };
  }
  for (const r of commandRoutes) {
    const op = writeOperation('command', r.summary, r.body, r.description);
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
        'rotateToken',
        'Replace the write token; the old one stops working at once (and every paired session ends)',
        contractTable.rotateToken.params,
      ),
      responses: {
        '200': json('The new token and the file that holds it', contractTable.rotateToken.result),
        ...WRITE_ERRORS,
        '409': ERROR('The token comes from EMS_API_TOKEN and cannot be rotated here'),
      },
    },
  };
  paths[PAIR_PATH] = { post: pairOperation() };
  Object.assign(paths, siteApiPaths());
  // Find the devices (issue 12).
  Object.assign(paths, scanOpenApiPaths());
  // Commissioning checks and report (issue 12).
  Object.assign(paths, commissioningApiPaths());
  paths[OPENAPI_PATH] = {
    get: {
      summary: 'This document',
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1 JSON' } },
    },
  };
  paths[WS_DOC_PATH] = {
    get: {
      summary: 'WebSocket stream of snapshots and events (upgrade)',
      description: WS_DESCRIPTION,
      // Anyone may connect and read the open requests; each other request is checked per message.
      security: [],
      responses: {
        '101': { description: 'Switching protocols: the stream starts' },
        '403': { description: 'Origin or Host not allowed' },
        '503': { description: 'Too many WebSocket connections (from this address or in all)' },
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
        'import; inverter W and setpoints positive = discharge, negative = charge. The reads ' +
        '(status, history, faults) are open; every POST needs Authorization: Bearer <token> ' +
        '(the token file path is printed on stderr at start) or the session cookie of a paired ' +
        'browser (POST /api/pair). Each operation names its requirement under "security" and ' +
        `"x-ems-access". Errors are {"error": "<field>: <message>"}.\n\n${WS_DESCRIPTION}`,
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'The host token (its file path is printed on stderr: "API token: PATH")',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'A paired browser session (POST /api/pair); HttpOnly, SameSite=Strict',
        },
      },
    },
    paths,
  };
}

import { z } from 'zod';
import { requestSpecs } from '../../../shared/contract';
import { commissioningRoutes, routeBodySchema } from './commissioning-routes';
import { accessOf, securityOf } from './openapi-security';
import { errorSchema } from './rest-errors';

type Schema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const json = (description: string, schema: z.ZodType): Schema => ({
  description,
  content: { 'application/json': { schema: jsonSchema(schema, 'output') } },
});
const ERROR = (description: string): Schema => json(description, errorSchema);
const WRITE_ERRORS: Schema = {
  '400': ERROR('Bad input: the message names the field; nothing changed'),
  '401': ERROR('Missing or wrong bearer token (or no paired session); nothing changed'),
  '409': ERROR('Valid, but not now (e.g. a check outside STANDBY or one already running)'),
  '429': ERROR('Too many requests from this client'),
};

/** The OpenAPI paths of the commissioning check and report routes (commissioning-routes.ts). */
export function commissioningApiPaths(): Record<string, Schema> {
  const paths: Record<string, Schema> = {};
  for (const r of commissioningRoutes) {
    const url = r.url.replace(/:(\w+)/g, '{$1}');
    const body = routeBodySchema(r);
    const result = requestSpecs[r.request].result;
    const op: Schema = {
      summary: r.summary,
      ...(r.description === undefined ? {} : { description: r.description }),
      security: securityOf(r.request),
      ...accessOf(r.request),
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
  return paths;
}

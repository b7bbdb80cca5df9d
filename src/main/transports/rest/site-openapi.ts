import { z } from 'zod';
import { contractTable } from '../../../shared/contract';
import { siteFileSchema } from '../../../shared/site-schema';
import { errorSchema } from './rest-errors';
import { tryDeviceParamsSchema } from '../../../shared/build-site-views';
import { activateBodySchema, duplicateBodySchema, PROFILES_PATH, SITES_PATH } from './site-api';

/** The OpenAPI paths of the site routes (site-api.ts), from the same schemas they use. */

type Schema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const json = (description: string, schema: z.ZodType): Schema => ({
  description,
  content: { 'application/json': { schema: schemaOf(schema, 'output') } },
});
const error = (description: string): Schema => json(description, errorSchema);
const body = (schema: z.ZodType, required: boolean): Schema => ({
  required,
  content: { 'application/json': { schema: schemaOf(schema, 'input') } },
});

const ID = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const ERRORS: Schema = {
  '400': error('Bad input: the message names the field ("meter.port: ..."); nothing changed'),
  '401': error('Missing or wrong bearer token; nothing changed'),
  '429': error('Too many requests from this client'),
};
const NOT_FOUND: Schema = { '404': error('No site with this id') };

/** Every operation needs the token (or a paired session): sites are files in the config folder. */
function op(summary: string, responses: Schema, extra: Schema = {}): Schema {
  return {
    summary,
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    ...extra,
    responses: { ...responses, ...ERRORS },
  };
}

/** The site routes' paths for the OpenAPI document. */
export function siteApiPaths(): Record<string, Schema> {
  const t = contractTable;
  return {
    [SITES_PATH]: {
      get: op('The sites: [{id, name, active, ...}], the built-in simulated site first', {
        '200': json('OK', t.listSites.result),
      }),
      post: op(
        'Store a new site (the body is a site file, docs/site-file.md); the app chooses its id',
        { '201': json('Stored', t.createSite.result) },
        { requestBody: body(siteFileSchema, true) },
      ),
    },
    [`${SITES_PATH}/{id}`]: {
      get: op(
        'A stored site and its file',
        { '200': json('OK', t.getSite.result), ...NOT_FOUND },
        { parameters: ID },
      ),
      put: op(
        'Replace a stored site; on the active site it takes effect at its next activation',
        { '200': json('Stored', t.updateSite.result), ...NOT_FOUND },
        { parameters: ID, requestBody: body(siteFileSchema, true) },
      ),
      delete: op(
        'Delete a stored site',
        {
          '200': json('Deleted', t.deleteSite.result),
          ...NOT_FOUND,
          '409': error('The site is active (switch first) or built in'),
        },
        { parameters: ID },
      ),
    },
    [`${SITES_PATH}/{id}/activate`]: {
      post: op(
        'Switch to this site: the running site stops at 0 W (written and confirmed), then this site starts in STOP',
        {
          '200': json('Switched; control is not started', t.activateSite.result),
          ...NOT_FOUND,
          '409': error(
            '0 W could not be confirmed on the running site (it stays active, in STOP), or a switch is under way. ' +
              'oldInverterMayRun: true forces the switch, acknowledging that the old inverter may still be running',
          ),
        },
        { parameters: ID, requestBody: body(activateBodySchema, false) },
      ),
    },
    [`${SITES_PATH}/{id}/duplicate`]: {
      post: op(
        'Copy a stored site under a new id ("<name> (copy)" unless a name is given)',
        { '201': json('Stored', t.duplicateSite.result), ...NOT_FOUND },
        { parameters: ID, requestBody: body(duplicateBodySchema, false) },
      ),
    },
    [`${SITES_PATH}/try-device`]: {
      post: op(
        "Read one device as a site file's meter or inverter entry names it, through its profile, on a link of its own (reads only; model 1 for SunSpec). " +
          'A device that fails answers 200 with ok: false and what failed',
        {
          '200': json('Tested', t.tryDevice.result),
          '409': error('The EMS is not in STOP: a test never competes with the control loop'),
        },
        { requestBody: body(tryDeviceParamsSchema, true) },
      ),
    },
    [PROFILES_PATH]: {
      get: op('The built-in profiles (Modbus and CAN BMS) with their sources and verified flag', {
        '200': json('OK', t.listProfiles.result),
      }),
    },
    [`${SITES_PATH}/{id}/export`]: {
      get: op(
        'The site file, as an attachment',
        { '200': { description: 'The site file (JSON)' }, ...NOT_FOUND },
        { parameters: ID },
      ),
    },
  };
}

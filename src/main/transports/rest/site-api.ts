import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiGuards } from './api-guards';
import type { z } from 'zod';
import type { RequestMethod } from '../../../shared/contract';
import type { Reply } from '../../../shared/reply';
import { tryDeviceParamsSchema } from '../../../shared/build-site-views';
import { siteIdSchema } from '../../../shared/site-ids';
import { siteFileSchema } from '../../../shared/site-schema';
import { siteParams } from '../../../shared/site-views';
import type { EmsService } from '../../service/ems-service';
import { describeInputError, HttpError } from './rest-errors';

/**
 * The managed sites over REST (docs/sites.md). Every route needs the token or a paired
 * session, reads included: they read files in the config folder. Each route is one contract
 * request through the service, like IPC and the WebSocket; REST only checks the body and the
 * id first (so a bad field is named relative to the body) and picks the status from the
 * reply: 404 for an unknown site, 409 for a refusal (the active site, 0 W not confirmed).
 */

/** Base path of the site routes. */
export const SITES_PATH = '/api/sites';

/** The built-in profile library, for building a site. */
export const PROFILES_PATH = '/api/profiles';

/** Every site route as "METHOD /path" (OpenAPI's `{id}`), as the document lists them. */
export const SITE_ROUTES: readonly string[] = [
  `GET ${SITES_PATH}`,
  `POST ${SITES_PATH}`,
  `GET ${SITES_PATH}/{id}`,
  `PUT ${SITES_PATH}/{id}`,
  `DELETE ${SITES_PATH}/{id}`,
  `POST ${SITES_PATH}/{id}/activate`,
  `POST ${SITES_PATH}/{id}/duplicate`,
  `GET ${SITES_PATH}/{id}/export`,
  `POST ${SITES_PATH}/try-device`,
  `GET ${PROFILES_PATH}`,
];

const WRITE = { authorised: true, source: 'api' } as const;

/** The body of POST /api/sites/{id}/activate: the activate params without the id. */
export const activateBodySchema = siteParams.activate.omit({ id: true });
/** The body of POST /api/sites/{id}/duplicate. */
export const duplicateBodySchema = siteParams.duplicate.omit({ id: true });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value === undefined ? {} : value);
  if (!parsed.success) throw new HttpError(400, describeInputError(parsed.error));
  return parsed.data;
}

function idOf(req: FastifyRequest): string {
  const id = (req.params as { id?: unknown }).id;
  const parsed = siteIdSchema.safeParse(id);
  if (!parsed.success) throw new HttpError(400, `id: ${parsed.error.issues[0]?.message ?? 'bad'}`);
  return parsed.data;
}

/** The reply's result, or the HTTP error its kind calls for. */
function resultOf(reply: Reply): unknown {
  if (reply.ok) return reply.result;
  const status = reply.kind === 'not-found' ? 404 : reply.kind === 'conflict' ? 409 : 400;
  throw new HttpError(status, reply.error);
}

/** Adds the site routes behind the API's guards (rate limit, then token or session). */
export function registerSiteApi(
  app: FastifyInstance,
  service: Pick<EmsService, 'handle'>,
  guards: ApiGuards,
): void {
  const call = async (method: RequestMethod, params: unknown): Promise<unknown> =>
    resultOf(await service.handle(method, params, WRITE));
  const route = { onRequest: guards.write };
  const read = { onRequest: guards.read };

  app.get(SITES_PATH, read, () => call('listSites', {}));
  app.post(SITES_PATH, route, async (req: FastifyRequest, reply: FastifyReply) => {
    const site = parse(siteFileSchema, req.body);
    const result = await call('createSite', { site });
    void reply.code(201);
    return result;
  });
  // Building a site: the connection test (only in STOP, 409 otherwise) and the library.
  app.post(`${SITES_PATH}/try-device`, route, (req) =>
    call('tryDevice', parse(tryDeviceParamsSchema, req.body)),
  );
  app.get(PROFILES_PATH, read, () => call('listProfiles', {}));
  app.get(`${SITES_PATH}/:id`, read, (req) => call('getSite', { id: idOf(req) }));
  app.put(`${SITES_PATH}/:id`, route, (req) =>
    call('updateSite', { id: idOf(req), site: parse(siteFileSchema, req.body) }),
  );
  app.delete(`${SITES_PATH}/:id`, route, (req) => call('deleteSite', { id: idOf(req) }));
  app.post(`${SITES_PATH}/:id/activate`, route, (req) =>
    call('activateSite', { id: idOf(req), ...parse(activateBodySchema, req.body) }),
  );
  app.post(`${SITES_PATH}/:id/duplicate`, route, async (req, reply) => {
    const result = await call('duplicateSite', {
      id: idOf(req),
      ...parse(duplicateBodySchema, req.body),
    });
    void reply.code(201);
    return result;
  });
  app.get(`${SITES_PATH}/:id/export`, read, async (req, reply) => {
    const file = (await call('exportSite', { id: idOf(req) })) as {
      fileName: string;
      text: string;
    };
    void reply
      .type('application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return file.text;
  });
}

import type { FastifyInstance } from 'fastify';

/**
 * Routes whose fields are all optional take an empty body, with or without a Content-Type
 * (scripts send `curl -X POST -H 'Content-Type: application/json'` with nothing after it).
 * Fastify's JSON parser refuses an empty body; this one passes it on as no body (the route
 * then reads `{}`), and hands anything else to Fastify's own parser, which keeps refusing
 * bad JSON and `__proto__` / `constructor` keys.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') done(null, undefined);
    else void json(req, text, done);
  });
}

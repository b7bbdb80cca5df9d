import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { uiContentSecurityPolicy } from './index-page';
import { contentTypeOf, resolveStaticPath } from './static-files';

/** Options of {@link registerUiRoutes}. */
export interface UiRoutesOptions {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** The server's bound port. */
  readonly port: () => number;
  readonly log: (line: string) => void;
}

function refuse(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${reason}\n`);
}

async function serve(
  req: FastifyRequest,
  res: ServerResponse,
  opts: UiRoutesOptions,
): Promise<void> {
  // Every answer, errors included, carries the policy: nothing here may be framed or sniffed.
  res.setHeader('Content-Security-Policy', uiContentSecurityPolicy(opts.port()));
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  const target = resolveStaticPath(opts.rendererDir, req.raw.url ?? '/');
  if (target.kind === 'refused') return refuse(res, target.status, target.reason);
  const info = await stat(target.path).catch(() => null);
  if (!info?.isFile()) return refuse(res, 404, 'not found');
  const type = contentTypeOf(target.path);
  const head = req.method === 'HEAD';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    // The index names the hashed assets of the current build: always asked again.
    'Cache-Control': target.isIndex ? 'no-store' : 'no-cache',
  });
  if (head) {
    res.end();
    return;
  }
  createReadStream(target.path)
    .on('error', () => res.destroy())
    .pipe(res);
}

function staticHandler(opts: UiRoutesOptions) {
  return (req: FastifyRequest, reply: FastifyReply): void => {
    if (req.url.startsWith('/api/')) {
      void reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0] ?? ''}` });
      return;
    }
    // The static files are streamed on the raw response, as the UI server always did.
    reply.hijack();
    const res = reply.raw;
    serve(req, res, opts).catch((err: unknown) => {
      opts.log(`UI server: ${String(err)}`);
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.destroy();
    });
  };
}

/**
 * Adds the operator UI to the host's server: the built renderer as static files, exactly as
 * built (no secret is put into any of them: a browser pairs to control, docs/security.md). Paths under /api/ that no API route takes
 * stay JSON 404s; other methods than GET and HEAD on UI paths are 405.
 */
export function registerUiRoutes(app: FastifyInstance, opts: UiRoutesOptions): void {
  const handler = staticHandler(opts);
  app.get('/', handler);
  app.get('/*', handler);
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: (req, reply) => {
      if (req.url.startsWith('/api/')) {
        void reply
          .code(404)
          .send({ error: `no route ${req.method} ${req.url.split('?')[0] ?? ''}` });
        return;
      }
      void reply
        .code(405)
        .header('Allow', 'GET, HEAD')
        .type('text/plain; charset=utf-8')
        .send('method not allowed\n');
    },
  });
}

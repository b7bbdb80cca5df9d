import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EmsService } from '../../service/ems-service';
import { isAllowedHost } from '../../transports/loopback-policy';
import { attachWsBridge, type WsBridge } from '../../transports/ws-bridge';
import { uiContentSecurityPolicy, withTokenMeta } from './index-page';
import { contentTypeOf, resolveStaticPath } from './static-files';

/** The only address the UI server binds: the plant-room laptop itself, never the site network. */
export const UI_HOST = '127.0.0.1';

/** Options of {@link startUiServer}. */
export interface UiServerOptions {
  readonly service: Pick<EmsService, 'handle' | 'subscribe'>;
  readonly token: string;
  /** 0 = any free port. */
  readonly port: number;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly log: (line: string) => void;
}

/** The running UI server. */
export interface UiServer {
  /** e.g. http://127.0.0.1:8420/ */
  readonly url: string;
  readonly port: number;
  /** The HTTP server, for routes that join it later (the REST API). */
  readonly server: Server;
  readonly bridge: WsBridge;
  /** Disconnects the clients and stops listening. */
  close(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${reason}\n`);
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  opts: UiServerOptions,
  port: number,
): Promise<void> {
  // Every response, errors included, carries the policy: nothing here may be framed or sniffed.
  res.setHeader('Content-Security-Policy', uiContentSecurityPolicy(port));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (!isAllowedHost(req.headers.host, port)) return refuse(res, 403, 'host not allowed');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return refuse(res, 405, 'method not allowed');
  }
  const target = resolveStaticPath(opts.rendererDir, req.url ?? '/');
  if (target.kind === 'refused') return refuse(res, target.status, target.reason);
  const info = await stat(target.path).catch(() => null);
  if (!info?.isFile()) return refuse(res, 404, 'not found');
  const type = contentTypeOf(target.path);
  if (target.isIndex) {
    const html = withTokenMeta(await readFile(target.path, 'utf8'), opts.token);
    // The page carries the token: never cached, never stored.
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(target.path)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Serves the built renderer and the WebSocket bridge (/ws) from one HTTP server on
 * 127.0.0.1:port. Rejects with a one-line error when the port cannot be bound.
 */
export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `UI port ${opts.port} on ${UI_HOST} is in use (--port 0 picks a free one)`
            : `UI server on ${UI_HOST}:${opts.port}: ${err.message}`,
        ),
      );
    server.once('error', onError);
    server.listen({ host: UI_HOST, port: opts.port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : opts.port;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res, opts, port).catch((err: unknown) => {
      opts.log(`UI server: ${String(err)}`);
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.on('error', (err) => opts.log(`UI server: ${err.message}`));
  const bridge = attachWsBridge(server, {
    service: opts.service,
    token: opts.token,
    log: opts.log,
  });
  return {
    url: `http://${UI_HOST}:${port}/`,
    port,
    server,
    bridge,
    close: async () => {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

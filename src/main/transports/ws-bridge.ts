import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { PUSH_ACCESS } from '../../shared/contract';
import type { EmsService } from '../service/ems-service';
import { isAllowedHost, isAllowedOrigin, tokenMatches } from './loopback-policy';
import type { Pairing } from './pairing/pairing';
import { sessionIdFrom } from './pairing/session-cookie';
import { answerRequestMessage, refuseRequestMessage } from './request-message';
import { WS_CLOSE_POLICY, WS_MAX_BAD_CREDENTIALS, WsLimits } from './ws-limits';

/** Path of the WebSocket on the host's HTTP server. */
export const WS_PATH = '/ws';
/** Largest message a client may send, bytes; a larger one closes its connection (1009). */
export const WS_MAX_PAYLOAD = 64 * 1024;
/** A client with more than this queued gets no snapshots until it catches up, bytes. */
export const SNAPSHOT_DROP_BYTES = 256 * 1024;
/** A client with more than this queued is disconnected: it is not reading at all, bytes. */
export const CLIENT_MAX_BUFFERED = 8 * 1024 * 1024;

/** Which Host and Origin headers may open the WebSocket. */
export interface WsConnectPolicy {
  hostAllowed(host: string | undefined): boolean;
  originAllowed(origin: string | undefined, host: string | undefined): boolean;
}

/** Options of {@link attachWsBridge}. */
export interface WsBridgeOptions {
  readonly service: Pick<EmsService, 'handle' | 'subscribe'>;
  /**
   * The host's write token, or a function giving the one in force now: it is read per
   * message, so a rotation takes effect at once on open connections too.
   */
  readonly token: string | (() => string);
  /** Host/Origin rules; the loopback-only rules by default. */
  readonly policy?: WsConnectPolicy;
  /** Paired browsers: a session cookie on the upgrade authorises the connection. */
  readonly pairing?: Pairing | null;
  /** Monotonic ms for the rate limits; performance.now by default. */
  readonly now?: () => number;
  readonly log: (line: string) => void;
}

/** A WebSocket bridge attached to an HTTP server. */
export interface WsBridge {
  /** Connected clients. */
  readonly clientCount: number;
  /** Disconnects every client and detaches from the server (which keeps running). */
  close(): Promise<void>;
}

const STATUS_TEXT = { 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' } as const;

function refuse(socket: Duplex, status: keyof typeof STATUS_TEXT, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
      `Content-Type: text/plain\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as Buffer).toString('utf8');
}

/**
 * Serves the contract over WebSocket at /ws on `server`: requests in, replies and pushes
 * out (private pushes only to a client that is paired or has sent the token). Only the host's own page (or a client without an Origin) may
 * connect. Requests that are not open need the token in the envelope or a paired session
 * (its cookie, sent with the upgrade); both are checked per message, so a rotation or an
 * expiry takes effect at once. Connections and messages are limited (ws-limits.ts).
 */
export function attachWsBridge(server: Server, options: WsBridgeOptions): WsBridge {
  const { service, log } = options;
  const token = options.token;
  const currentToken = typeof token === 'string' ? (): string => token : token;
  const policy: WsConnectPolicy = options.policy ?? {
    hostAllowed: (host) => isAllowedHost(host, portOf(server)),
    originAllowed: (origin) => isAllowedOrigin(origin, portOf(server)),
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  const now = options.now ?? ((): number => performance.now());
  const limits = new WsLimits(now);
  // Per client: may it receive private pushes now (paired, or it sent the token in force)?
  const privateReaders = new WeakMap<WebSocket, () => boolean>();

  const send = (ws: WebSocket, text: string): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > CLIENT_MAX_BUFFERED) {
      log('WebSocket: a client stopped reading; disconnected');
      ws.terminate();
      return;
    }
    ws.send(text);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) {
      // Leave other paths to other upgrade handlers, if the server has any.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'no WebSocket here');
      return;
    }
    const { origin, host } = req.headers;
    if (!policy.hostAllowed(host) || !policy.originAllowed(origin, host)) {
      log(
        `WebSocket: refused a connection from origin ${origin ?? '(none)'}, host ${host ?? '(none)'}`,
      );
      refuse(socket, 403, 'origin not allowed');
      return;
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    const full = limits.refusal(address);
    if (full !== null) {
      log(`WebSocket: refused a connection from ${address}: ${full}`);
      refuse(socket, 503, full);
      return;
    }
    // Counted from the upgrade on, so a burst of handshakes cannot pass the cap.
    socket.once('close', limits.opened(address));
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const sessionId = sessionIdFrom(req.headers.cookie);
    const rate = limits.connectionRate();
    let badCredentials = 0;
    // The last token this client proved: private pushes follow it until it is rotated away.
    let provenToken: string | null = null;
    const authorise = (given: string | undefined): boolean => {
      if (options.pairing?.isSession(sessionId) === true) return true;
      if (given === undefined) return false;
      if (tokenMatches(given, currentToken())) {
        provenToken = given;
        return true;
      }
      badCredentials++;
      return false;
    };
    privateReaders.set(
      ws,
      () =>
        options.pairing?.isSession(sessionId) === true ||
        (provenToken !== null && tokenMatches(provenToken, currentToken())),
    );
    ws.on('error', (err) => log(`WebSocket client: ${err.message}`));
    ws.on('message', (data, isBinary) => {
      if (!rate.take('connection').ok || !limits.addressRate.take(address).ok) {
        send(
          ws,
          JSON.stringify(refuseRequestMessage(textOf(data), 'too many messages: slow down')),
        );
        return;
      }
      if (isBinary) {
        send(
          ws,
          JSON.stringify({
            id: null,
            ok: false,
            error: 'binary messages are not accepted: send JSON text',
          }),
        );
        return;
      }
      void answerRequestMessage(textOf(data), service, authorise).then((reply) => {
        send(ws, JSON.stringify(reply));
        if (badCredentials >= WS_MAX_BAD_CREDENTIALS && ws.readyState === WebSocket.OPEN) {
          log(
            `WebSocket: closed a connection from ${address} after ${badCredentials} wrong tokens`,
          );
          ws.close(WS_CLOSE_POLICY, 'too many wrong tokens');
        }
      });
    });
  });

  const unsubscribe = service.subscribe((push) => {
    if (wss.clients.size === 0) return;
    const text = JSON.stringify(push);
    const isPrivate = PUSH_ACCESS[push.topic] === 'private';
    for (const ws of wss.clients) {
      if (isPrivate && privateReaders.get(ws)?.() !== true) continue;
      // A client that lags behind skips snapshots (the next one supersedes them); other pushes are kept.
      if (push.topic === 'snapshot' && ws.bufferedAmount > SNAPSHOT_DROP_BYTES) continue;
      send(ws, text);
    }
  });

  server.on('upgrade', onUpgrade);

  return {
    get clientCount() {
      return wss.clients.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        server.off('upgrade', onUpgrade);
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

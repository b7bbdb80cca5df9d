import WebSocket from 'ws';
import type { PushEnvelope, ResponseEnvelope } from '../../src/shared/contract';

/** A WebSocket client of the headless host's bridge, for integration tests. */

/** A client of the bridge with its received messages split into replies and pushes. */
export interface WsTestClient {
  readonly ws: WebSocket;
  readonly replies: ResponseEnvelope[];
  readonly pushes: { at: number; push: PushEnvelope }[];
  /** Sends raw text and waits for the next reply. */
  sendRaw(text: string): Promise<ResponseEnvelope>;
  /** Sends a request and waits for the reply with its id. */
  request(method: string, params: unknown, token?: string): Promise<ResponseEnvelope>;
}

let nextId = 1;

/**
 * Connects to the bridge on `port` as a page of `origin` would (undefined: a non-browser
 * client), with `headers` on the upgrade (a Cookie, say).
 */
export function connectWs(
  port: number,
  origin: string | undefined,
  headers: Readonly<Record<string, string>> = {},
): Promise<WsTestClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
    ...(origin ? { origin } : {}),
    headers: { ...headers },
  });
  const replies: ResponseEnvelope[] = [];
  const pushes: { at: number; push: PushEnvelope }[] = [];
  const waiters: ((r: ResponseEnvelope) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as ResponseEnvelope | PushEnvelope;
    if ('topic' in msg) pushes.push({ at: Date.now(), push: msg });
    else {
      replies.push(msg);
      for (const w of waiters.splice(0)) w(msg);
    }
  });
  const nextReply = (match: (r: ResponseEnvelope) => boolean): Promise<ResponseEnvelope> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply within 5 s')), 5000);
      const wait = (r: ResponseEnvelope): void => {
        if (match(r)) {
          clearTimeout(timer);
          resolve(r);
        } else waiters.push(wait);
      };
      waiters.push(wait);
    });
  const client: WsTestClient = {
    ws,
    replies,
    pushes,
    sendRaw: (text) => {
      const reply = nextReply(() => true);
      ws.send(text);
      return reply;
    },
    request: (method, params, token) => {
      const id = nextId++;
      const reply = nextReply((r) => r.id === id);
      ws.send(JSON.stringify({ id, method, params, ...(token !== undefined ? { token } : {}) }));
      return reply;
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

/** Tries to connect as a page of `origin`; resolves with the HTTP status of the refused upgrade. */
export function refusedStatus(port: number, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin });
    ws.once('open', () => {
      ws.close();
      reject(new Error(`origin ${origin} was let in`));
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

import {
  PUSH_TOPICS,
  type PushEnvelope,
  type PushTopic,
  type ResponseEnvelope,
} from '../../../shared/contract';

/**
 * Reading what the server sends over the WebSocket, with no socket involved so it can be
 * tested on its own. The server is our own host, so payloads are trusted once the
 * envelope's shape is right; a wrong envelope is reported, never thrown.
 */

/** A server message, sorted. */
export type ServerMessage =
  | { readonly kind: 'response'; readonly response: ResponseEnvelope }
  | { readonly kind: 'push'; readonly push: PushEnvelope }
  | { readonly kind: 'invalid'; readonly reason: string };

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const isTopic = (x: unknown): x is PushTopic => (PUSH_TOPICS as readonly unknown[]).includes(x);

function sortEnvelope(msg: Record<string, unknown>): ServerMessage {
  if ('topic' in msg) {
    if (!isTopic(msg.topic))
      return { kind: 'invalid', reason: `unknown push topic ${JSON.stringify(msg.topic)}` };
    if (!('payload' in msg) || msg.payload === undefined) {
      return { kind: 'invalid', reason: `push ${msg.topic} without a payload` };
    }
    return { kind: 'push', push: { topic: msg.topic, payload: msg.payload } as PushEnvelope };
  }
  const id = msg.id;
  const validId = id === null || (typeof id === 'number' && Number.isInteger(id) && id >= 0);
  if (!validId) return { kind: 'invalid', reason: 'response without a valid id' };
  if (msg.ok === true && typeof id === 'number') {
    return { kind: 'response', response: { id, ok: true, result: msg.result } };
  }
  if (msg.ok === false) {
    const error = typeof msg.error === 'string' ? msg.error : 'unspecified error';
    return { kind: 'response', response: { id, ok: false, error } };
  }
  return { kind: 'invalid', reason: 'response without ok: true or false' };
}

/** Sorts one WebSocket message (a JSON text frame) into a response, a push or invalid. */
export function parseServerMessage(data: unknown): ServerMessage {
  if (typeof data !== 'string')
    return { kind: 'invalid', reason: 'binary frame (expected JSON text)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  if (!isRecord(parsed)) return { kind: 'invalid', reason: 'not a JSON object' };
  return sortEnvelope(parsed);
}

/** Delay before reconnect attempt `attempt` (0-based): doubling from 250 ms, capped at 5 s. */
export function reconnectDelayMs(attempt: number): number {
  const n = Math.max(0, Math.min(20, Math.floor(attempt)));
  return Math.min(5000, 250 * 2 ** n);
}

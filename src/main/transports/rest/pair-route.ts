import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Pairing } from '../pairing/pairing';
import { sessionCookie } from '../pairing/session-cookie';
import { describeInputError, HttpError } from './rest-errors';

/** REST path where a browser trades a pairing code for a session cookie (POST). */
export const PAIR_PATH = '/api/pair';

const pairBodySchema = z.strictObject({ code: z.string().min(1).max(256) });

function pairHandler(pairing: Pairing, log: (line: string) => void) {
  return (req: FastifyRequest, reply: { header(k: string, v: string): unknown }): unknown => {
    const body = pairBodySchema.safeParse(req.body ?? {});
    if (!body.success) throw new HttpError(400, describeInputError(body.error));
    const outcome = pairing.pair(req.ip, body.data.code);
    if (!outcome.ok && outcome.locked) {
      log(`pairing: ${req.ip} is locked out after too many attempts`);
      throw new HttpError(429, 'pairing: too many attempts from this address; try again later', {
        'Retry-After': String(outcome.retryAfterS),
      });
    }
    if (!outcome.ok) throw new HttpError(401, outcome.error);
    log(`pairing: a browser at ${req.ip} paired`);
    reply.header(
      'Set-Cookie',
      sessionCookie(outcome.sessionId, outcome.maxAgeS, req.protocol === 'https'),
    );
    return { paired: true, expiresInS: outcome.maxAgeS };
  };
}

/**
 * Adds `POST /api/pair {code}`: with the pairing code (or the token) it sets the session
 * cookie that authorises this browser like the token does. The Host/Origin guards run first
 * (a page of another site cannot pair), and the pairing itself limits attempts per address.
 */
export function registerPairRoute(
  app: FastifyInstance,
  pairing: Pairing,
  log: (line: string) => void,
): void {
  app.post(PAIR_PATH, pairHandler(pairing, log));
  app.get(PAIR_PATH, () => {
    throw new HttpError(405, 'method not allowed: use POST', { Allow: 'POST' });
  });
}

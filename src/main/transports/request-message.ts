import { requestEnvelopeSchema } from '../../shared/contract';
import { formatZodError } from '../../shared/format-zod-error';
import type { ResponseEnvelope } from '../../shared/reply';
import type { EmsService } from '../service/ems-service';
import { tokenMatches } from './loopback-policy';

/**
 * Whether a message's credentials authorise it: given the envelope's token (if any), true
 * when the token is the host's or the connection belongs to a paired browser.
 */
export type CredentialCheck = (given: string | undefined) => boolean;

/** What a message transport needs from the service. */
export type RequestHandler = Pick<EmsService, 'handle'>;

/** The id of a request whose envelope was bad, when it has a usable one; else null. */
function idOf(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const { id } = json;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

/**
 * Answers one text message of a message transport (the WebSocket bridge): JSON, then the
 * request envelope, then the service. Every failure becomes an error reply naming what was
 * wrong; nothing reaches the runtime unless the whole request is valid. A request that is
 * not open is answered only when `credentials` authorise it (a string: the host's token).
 * Never rejects.
 */
export async function answerRequestMessage(
  text: string,
  service: RequestHandler,
  credentials: string | CredentialCheck,
): Promise<ResponseEnvelope> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { id: null, ok: false, error: `malformed JSON: ${(err as Error).message}` };
  }
  const env = requestEnvelopeSchema.safeParse(json);
  if (!env.success) {
    // The id is echoed when it is usable, so the client can fail the right request.
    return { id: idOf(json), ok: false, error: `bad request: ${formatZodError(env.error)}` };
  }
  const { id, method, params, token: given } = env.data;
  const reply = await service.handle(method, params, {
    authorised:
      typeof credentials === 'string' ? tokenMatches(given, credentials) : credentials(given),
    source: 'ws',
  });
  return { ...reply, id };
}

/**
 * The reply to a message refused before it was read (a rate limit): `error`, with the
 * message's id when it has a usable one, so the client fails that request at once.
 */
export function refuseRequestMessage(text: string, error: string): ResponseEnvelope {
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // No id to echo.
  }
  return { id: idOf(json), ok: false, error };
}

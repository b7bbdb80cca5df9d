import { requestEnvelopeSchema } from '../../shared/contract';
import { formatZodError } from '../../shared/format-zod-error';
import type { ResponseEnvelope } from '../../shared/reply';
import type { EmsService } from '../service/ems-service';
import { tokenMatches } from './loopback-policy';

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
 * wrong; nothing reaches the runtime unless the whole request is valid. A command counts as
 * writing only with the host's token. Never rejects.
 */
export async function answerRequestMessage(
  text: string,
  service: RequestHandler,
  token: string,
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
    canWrite: tokenMatches(given, token),
    source: 'ws',
  });
  return { ...reply, id };
}

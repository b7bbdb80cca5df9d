import type { ReplyErrorKind } from '../../shared/reply';

/**
 * A handler's refusal that is more than bad input: the thing named does not exist, or the
 * request is fine but cannot be done now. The reply carries the kind, so REST can answer
 * 404 or 409 while IPC and the WebSocket show the same message.
 */
export class RequestRefusal extends Error {
  override readonly name = 'RequestRefusal';
  constructor(
    readonly kind: ReplyErrorKind,
    message: string,
  ) {
    super(message);
  }
}

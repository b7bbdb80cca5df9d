import type { ReplyErrorKind } from '../../shared/reply';

/** A request the service refuses; its message goes to the client as is. */
export class CommissioningError extends Error {
  override readonly name = 'CommissioningError';

  /** @param kind - why, for a transport to pick its answer (REST: 409, 404); none: bad request. */
  constructor(
    message: string,
    readonly kind?: ReplyErrorKind,
  ) {
    super(message);
  }
}

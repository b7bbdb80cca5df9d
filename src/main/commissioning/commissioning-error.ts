import type { ReplyErrorCode } from '../../shared/reply';

/** A request the service refuses; its message goes to the client as is. */
export class CommissioningError extends Error {
  override readonly name = 'CommissioningError';

  /** @param code - why, for a transport to pick its answer (REST: 409, 404); none: bad request. */
  constructor(
    message: string,
    readonly code?: ReplyErrorCode,
  ) {
    super(message);
  }
}

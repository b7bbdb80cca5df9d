/** A request the service refuses; its message goes to the client as is. */
export class CommissioningError extends Error {
  override readonly name = 'CommissioningError';
}

/**
 * Turns anything thrown into one line for counters and logs: some drivers throw objects
 * that are not `instanceof Error` (see environment.md on modbus-serial).
 */

/** A readable message from anything a transport throws (some drivers throw non-Error objects). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    if (typeof error.message === 'string') return error.message;
  }
  return String(error);
}

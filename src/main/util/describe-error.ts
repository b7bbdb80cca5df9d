/**
 * Turns anything thrown into one line for counters, logs and reasons: some drivers throw
 * objects that are not `instanceof Error` (see environment.md on modbus-serial), and a thrown
 * value is untrusted (its toString may itself throw). Pure, so the core uses it too.
 */

/** A readable message from anything thrown; never throws itself. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return error.message;
    if (typeof error === 'object' && error !== null && 'message' in error) {
      if (typeof error.message === 'string') return error.message;
    }
    return String(error);
  } catch {
    return 'unprintable error';
  }
}

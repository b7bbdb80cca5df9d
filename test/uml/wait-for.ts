/** Polling helpers for the in-UML test, which waits on real frames in real time. */

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` every 20 ms until it returns a value other than undefined, or `timeoutMs`
 * passes (then resolves undefined, so the caller can say what it was waiting for).
 */
export async function waitFor<T>(
  probe: () => T | undefined,
  timeoutMs: number,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await sleep(20);
  }
}

/**
 * Waiting on conditions instead of sleeping: a test states what it waits for, and the timeout
 * is only a generous ceiling for a hung system, never a guess at how long a step takes. A slow,
 * loaded machine then makes a test slower, not red.
 */

/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** Give up after this long; a ceiling for a hang, so make it generous (default 10 s). */
  readonly timeoutMs?: number;
  /** How often to look again (default 20 ms). */
  readonly intervalMs?: number;
  /** What the caller waits for, named in the timeout error. */
  readonly what?: string;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns something other than `undefined`, `null` or `false`, and
 * resolves with that value. A probe that throws counts as "not yet" (the last error is named if
 * time runs out). Rejects with a message naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 20, what = 'a condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await pause(intervalMs);
  }
}

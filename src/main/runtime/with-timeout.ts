import type { Scheduler } from '../../shared/clock';

/** Rejects when `promise` has not settled within `ms` on `scheduler`; the message names what timed out. */
export function withTimeout<T>(
  scheduler: Scheduler,
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let cancel: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    cancel = scheduler.timeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => cancel?.());
}

import type { EventView } from '../../../shared/fault-view';

/**
 * Pure reducers of the mirrored state. The renderer invents nothing: it keeps what main
 * sent, bounded where main sends an unbounded stream.
 */

/** How many recent events the renderer keeps (main does not serve older ones). */
export const EVENT_LIMIT = 200;

/** An event with the renderer's arrival number (a stable list key). */
export interface EventEntry extends EventView {
  readonly seq: number;
}

/** Appends an event, dropping the oldest beyond `limit`. Newest last. */
export function appendEvent(
  events: readonly EventEntry[],
  event: EventEntry,
  limit = EVENT_LIMIT,
): readonly EventEntry[] {
  const next = events.length >= limit ? events.slice(events.length - limit + 1) : events.slice();
  next.push(event);
  return next;
}

/**
 * Counts pushes per topic, so the answer to a request made before a push can be dropped:
 * the push is newer than anything the request returns.
 */
export class PushCounter {
  private count = 0;

  /** Notes a push. */
  bump(): void {
    this.count++;
  }

  /** A mark to compare against later. */
  mark(): number {
    return this.count;
  }

  /** True when no push arrived since `mark`. */
  unchangedSince(mark: number): boolean {
    return this.count === mark;
  }
}

/** The message of anything thrown, for the operator. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unknown error';
}

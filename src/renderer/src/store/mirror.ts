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

const eventKey = (e: EventView): string => `${e.time}|${e.kind}|${e.code ?? ''}|${e.message}`;

/**
 * Merges the events main read from the session store (earlier runs included) with those
 * pushed since the page opened: each event once, oldest first, bounded by `limit`. `nextSeq`
 * numbers the stored events that were not pushed already.
 */
export function mergeStoredEvents(
  events: readonly EventEntry[],
  stored: readonly EventView[],
  nextSeq: () => number,
  limit = EVENT_LIMIT,
): readonly EventEntry[] {
  const seen = new Set(events.map(eventKey));
  const added = stored.filter((e) => !seen.has(eventKey(e))).map((e) => ({ ...e, seq: nextSeq() }));
  if (added.length === 0) return events;
  // ISO times of one clock sort as text; the sort is stable, so equal times keep their order.
  const merged = [...added, ...events].sort((a, b) =>
    a.time < b.time ? -1 : a.time > b.time ? 1 : 0,
  );
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
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

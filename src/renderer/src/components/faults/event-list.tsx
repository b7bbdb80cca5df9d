import type { JSX } from 'react';
import { formatClock } from '../../format/format-values';
import { useEms } from '../../store/store-context';

/**
 * Recent events (newest first): what led up to a fault, in the EMS's own words. They come
 * from the session store, so they include earlier runs of the EMS, plus what main pushed since.
 */
export function EventList(): JSX.Element {
  const events = useEms((s) => s.events);
  const newestFirst = [...events].reverse();
  return (
    <section className="panel" aria-labelledby="events-title">
      <h2 id="events-title">Recent events</h2>
      {/* 270 px: with earlier runs' events the list is always full, and the screen must still fit 1280x800. */}
      <div className="scroll" style={{ maxHeight: 270 }}>
        {newestFirst.length === 0 ? (
          <p className="hint">No events yet.</p>
        ) : (
          <ul className="events" data-testid="event-list">
            {newestFirst.map((e) => (
              <li key={e.seq}>
                <span className="num">{formatClock(e.time)}</span> <strong>{e.kind}</strong>
                {e.code ? ` ${e.code}` : ''}: {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
